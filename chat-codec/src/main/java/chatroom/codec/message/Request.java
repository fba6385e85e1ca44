package chatroom.codec.message;

/**
 * A message that expects exactly one reply. {@code id} is a {@link String} or an integral
 * {@link Number}, or {@code null}; the reply echoes it.
 */
public interface Request extends Message {

    Object id();
}

package chatroom.codec.message;

/** A message the server pushes on its own; events carry no {@code id}. */
public interface Event extends Message {
}

package chatroom.codec.message;

/** The answer to a {@link Request}: {@code ok}, {@code error} or {@code pong}, echoing the request's id. */
public interface Reply extends Message {

    Object id();
}

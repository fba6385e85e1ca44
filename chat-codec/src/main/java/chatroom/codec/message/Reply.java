package chatroom.codec.message;

/** The answer to a {@link Request}: {@code ok}, {@code error} or {@code pong}, echoing the request's id. */
public sealed interface Reply extends Message
        permits ErrorReply, Ok, Pong {

    Object id();
}

package chatroom.codec.message;

/**
 * {@code send {room, text, cid?}} to a room or {@code send {to, text, cid?}} to a user. A resent
 * {@code cid} is stored at most once.
 */
public record Send(Object id, String room, String to, String text, String cid) implements Request {
    public static final String TYPE = "send";

    @Override
    public String type() {
        return TYPE;
    }
}

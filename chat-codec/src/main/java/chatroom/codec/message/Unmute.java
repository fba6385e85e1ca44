package chatroom.codec.message;

/** {@code unmute {room, user}} (room owner or admin). */
public record Unmute(Object id, String room, String user) implements Request {
    public static final String TYPE = "unmute";

    @Override
    public String type() {
        return TYPE;
    }
}

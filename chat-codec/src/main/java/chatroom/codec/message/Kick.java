package chatroom.codec.message;

/** {@code kick {room, user, reason?}} (room owner or admin). */
public record Kick(Object id, String room, String user, String reason) implements Request {
    public static final String TYPE = "kick";

    @Override
    public String type() {
        return TYPE;
    }
}

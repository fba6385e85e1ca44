package chatroom.codec.message;

/** {@code members {room}}: a room's members, online first. */
public record ListMembers(Object id, String room) implements Request {
    public static final String TYPE = "members";

    @Override
    public String type() {
        return TYPE;
    }
}

package chatroom.codec.message;

/** {@code invite {room, user}}: makes a user a member (any member; only the owner of a private room). */
public record Invite(Object id, String room, String user) implements Request {
    public static final String TYPE = "invite";

    @Override
    public String type() {
        return TYPE;
    }
}

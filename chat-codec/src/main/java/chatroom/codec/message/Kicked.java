package chatroom.codec.message;

/** {@code kicked {room, by, reason}}: this user was removed from a room. */
public record Kicked(String room, String by, String reason) implements Event {
    public static final String TYPE = "kicked";

    @Override
    public String type() {
        return TYPE;
    }
}

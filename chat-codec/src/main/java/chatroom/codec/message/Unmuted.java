package chatroom.codec.message;

/** {@code unmuted {room, by}}: this user may send to the room again. Our addition to the contract. */
public record Unmuted(String room, String by) implements Event {
    public static final String TYPE = "unmuted";

    @Override
    public String type() {
        return TYPE;
    }
}

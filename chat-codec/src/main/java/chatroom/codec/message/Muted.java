package chatroom.codec.message;

/** {@code muted {room, by, until?}}: this user may not send to the room until {@code until} (epoch ms; absent: until unmuted). Our addition to the contract. */
public record Muted(String room, String by, Long until) implements Event {
    public static final String TYPE = "muted";

    @Override
    public String type() {
        return TYPE;
    }
}

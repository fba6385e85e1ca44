package chatroom.codec.message;

/** {@code mute {room, user, seconds?}} (room owner or admin): the user may not send to the room until it expires (no seconds: until unmuted). */
public record Mute(Object id, String room, String user, Long seconds) implements Request {
    public static final String TYPE = "mute";

    @Override
    public String type() {
        return TYPE;
    }
}

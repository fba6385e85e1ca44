package chatroom.codec.message;

/** {@code presence {room, user, event}} with event join, leave, online or offline. */
public record Presence(String room, String user, String event) implements Event {
    public static final String TYPE = "presence";

    public static final String JOIN = "join";
    public static final String LEAVE = "leave";
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    @Override
    public String type() {
        return TYPE;
    }
}

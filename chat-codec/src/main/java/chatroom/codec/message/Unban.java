package chatroom.codec.message;

/** {@code unban {user}} (admin). */
public record Unban(Object id, String user) implements Request {
    public static final String TYPE = "unban";

    @Override
    public String type() {
        return TYPE;
    }
}

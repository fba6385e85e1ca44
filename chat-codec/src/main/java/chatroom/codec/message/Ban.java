package chatroom.codec.message;

/** {@code ban {user, reason?}} (admin). */
public record Ban(Object id, String user, String reason) implements Request {
    public static final String TYPE = "ban";

    @Override
    public String type() {
        return TYPE;
    }
}

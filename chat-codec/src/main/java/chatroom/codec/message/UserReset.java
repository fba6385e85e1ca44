package chatroom.codec.message;

/** {@code user_reset {user, password}} (admin): sets a new password and revokes the user's tokens. */
public record UserReset(Object id, String user, String password) implements Request {
    public static final String TYPE = "user_reset";

    @Override
    public String type() {
        return TYPE;
    }
}

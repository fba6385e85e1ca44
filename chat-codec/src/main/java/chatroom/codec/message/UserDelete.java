package chatroom.codec.message;

/** {@code user_delete {user}} (admin): removes an account; its messages stay. */
public record UserDelete(Object id, String user) implements Request {
    public static final String TYPE = "user_delete";

    @Override
    public String type() {
        return TYPE;
    }
}

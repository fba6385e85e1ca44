package chatroom.codec.message;

/** {@code users}: the users online now. */
public record ListUsers(Object id) implements Request {
    public static final String TYPE = "users";

    @Override
    public String type() {
        return TYPE;
    }
}

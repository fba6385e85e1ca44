package chatroom.codec.message;

/** {@code register {user, password}}: creates an account. */
public record Register(Object id, String user, String password) implements Request {
    public static final String TYPE = "register";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String toString() {
        return "Register[id=" + id + ", user=" + user + ", password=***]";
    }
}

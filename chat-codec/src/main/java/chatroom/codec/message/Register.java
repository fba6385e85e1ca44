package chatroom.codec.message;

/**
 * {@code register {user, password, login?}}: creates an account; with {@code login: true} the
 * connection is logged in too and the reply is the {@code login} reply (one password hash, not two).
 */
public record Register(Object id, String user, String password, Boolean login) implements Request {
    public static final String TYPE = "register";

    public Register(Object id, String user, String password) {
        this(id, user, password, null);
    }

    /** Whether the client asked to be logged in by this request. */
    public boolean logsIn() {
        return Boolean.TRUE.equals(login);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String toString() {
        return "Register[id=" + id + ", user=" + user + ", password=***, login=" + login + "]";
    }
}

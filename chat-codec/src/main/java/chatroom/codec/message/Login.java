package chatroom.codec.message;

/** {@code login {user, password}} or {@code login {token}}. */
public record Login(Object id, String user, String password, String token) implements Request {
    public static final String TYPE = "login";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String toString() {
        return "Login[id=" + id + ", user=" + user + ", password=" + (password == null ? null : "***")
                + ", token=" + (token == null ? null : "***") + "]";
    }
}

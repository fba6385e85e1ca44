package chatroom.codec.message;

/** {@code logout}: the server answers ok, says {@code bye logout} and closes. */
public record Logout(Object id) implements Request {
    public static final String TYPE = "logout";

    @Override
    public String type() {
        return TYPE;
    }
}

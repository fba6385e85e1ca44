package chatroom.codec.message;

/** {@code admin_grant {user}} (admin): the account becomes a server admin, also on its open sessions. */
public record AdminGrant(Object id, String user) implements Request {
    public static final String TYPE = "admin_grant";

    @Override
    public String type() {
        return TYPE;
    }
}

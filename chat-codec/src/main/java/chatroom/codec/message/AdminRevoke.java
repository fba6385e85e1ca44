package chatroom.codec.message;

/**
 * {@code admin_revoke {user}} (admin): the account is no longer a server admin, also on its open
 * sessions. The last admin cannot be revoked ({@code forbidden}).
 */
public record AdminRevoke(Object id, String user) implements Request {
    public static final String TYPE = "admin_revoke";

    @Override
    public String type() {
        return TYPE;
    }
}

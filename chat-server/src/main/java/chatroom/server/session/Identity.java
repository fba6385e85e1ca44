package chatroom.server.session;

/**
 * Who a session belongs to: display name, name key, account id, admin rights and the hash of the
 * token it logged in with. Immutable, so a reader on any thread never sees a name from one rename
 * and a key from another.
 *
 * @param user display name, null before login
 * @param userKey name key, null before login
 * @param accountId the account's immutable id, 0 before login
 * @param admin whether the account has admin rights
 * @param tokenHash hash of the login token, null before login
 */
public record Identity(String user, String userKey, long accountId, boolean admin, String tokenHash) {

    /** A connection that has not logged in. */
    public static final Identity ANONYMOUS = new Identity(null, null, 0, false, null);

    Identity withAdmin(boolean admin) {
        return new Identity(user, userKey, accountId, admin, tokenHash);
    }

    Identity renamed(String user, String userKey) {
        return new Identity(user, userKey, accountId, admin, tokenHash);
    }
}

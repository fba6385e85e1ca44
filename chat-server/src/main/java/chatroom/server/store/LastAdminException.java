package chatroom.server.store;

/**
 * {@link ChatStore#setAdmin} or {@link ChatStore#deleteUser}: the change would leave the server
 * without an admin, and nobody could administer it any more.
 */
public class LastAdminException extends StoreException {

    public LastAdminException(String name) {
        super("the last admin: " + name);
    }
}

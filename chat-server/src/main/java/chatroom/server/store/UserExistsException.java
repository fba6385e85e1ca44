package chatroom.server.store;

/** {@link ChatStore#createUser}: the name (ignoring case) is taken. */
public class UserExistsException extends StoreException {

    public UserExistsException(String name) {
        super("user exists: " + name);
    }
}

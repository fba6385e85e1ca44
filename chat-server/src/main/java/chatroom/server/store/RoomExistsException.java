package chatroom.server.store;

/** {@link ChatStore#createRoom}: the name (ignoring case) is taken. */
public class RoomExistsException extends StoreException {

    public RoomExistsException(String name) {
        super("room exists: " + name);
    }
}

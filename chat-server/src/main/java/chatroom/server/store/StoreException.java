package chatroom.server.store;

/** A store operation failed (I/O, disk full, corrupt database); the request answers {@code internal}. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}

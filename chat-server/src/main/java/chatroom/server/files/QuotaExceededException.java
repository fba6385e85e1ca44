package chatroom.server.files;

/** An upload would pass a file quota or eat into the disk reserve; the message says which, for the user. */
public final class QuotaExceededException extends RuntimeException {

    public QuotaExceededException(String message) {
        super(message, null, false, false);
    }
}

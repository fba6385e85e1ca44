package chatroom.server.store;

/** A read marker, edit or delete the store refuses; {@link #reason} says why, for the error code. */
public final class MessageChangeRefused extends StoreException {

    public enum Reason {
        /** No message has that seq in that conversation. */
        NO_SUCH_MESSAGE,
        /** The message is deleted: there is nothing left to edit. */
        DELETED,
        /** The user may not change this message. */
        NOT_ALLOWED,
        /** A read marker past the conversation's latest seq. */
        SEQ_BEYOND_LATEST
    }

    private final Reason reason;

    public MessageChangeRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

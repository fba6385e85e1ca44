package chatroom.server.auth;

/**
 * The password hasher's queue is full: nothing was hashed. Requests answer {@code error busy}
 * with {@link #retryAfterMs}, at once, instead of waiting in an unbounded line.
 */
public final class HashQueueFullException extends RuntimeException {

    private final long retryAfterMs;

    public HashQueueFullException(long retryAfterMs) {
        super("too many password checks waiting", null, false, false);
        this.retryAfterMs = retryAfterMs;
    }

    /** When the queue is expected to have room again. */
    public long retryAfterMs() {
        return retryAfterMs;
    }
}

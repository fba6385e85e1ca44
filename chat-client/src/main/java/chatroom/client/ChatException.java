package chatroom.client;

/**
 * A request failed: the server answered {@code error} (its {@code code} and {@code message}), or
 * the client gave up ({@link #TIMEOUT}, {@link #DISCONNECTED}, {@link #CLOSED}).
 */
public final class ChatException extends RuntimeException {

    /** No reply within the request timeout. */
    public static final String TIMEOUT = "timeout";
    /** The connection was lost and the request could not be kept for the reconnect. */
    public static final String DISCONNECTED = "disconnected";
    /** The client was closed. */
    public static final String CLOSED = "closed";

    private final String code;
    private final Long retryAfterMs;

    public ChatException(String code, String message) {
        this(code, message, null);
    }

    /** An error the server said may succeed when retried after {@code retryAfterMs} (null: not said). */
    public ChatException(String code, String message, Long retryAfterMs) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }

    /** The server's {@code retry_after_ms} ({@code busy}, some {@code rate_limited}), or null. */
    public Long retryAfterMs() {
        return retryAfterMs;
    }

    /** The error code of the contract (for example {@code not_member}) or one of this class's. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}

package chatroom.server.command;

import chatroom.codec.message.ErrorCode;

/** A request cannot be done; it answers {@code error {code, message}} and the connection stays open. */
public final class RequestException extends RuntimeException {

    private final ErrorCode code;
    private final Long retryAfterMs;

    public RequestException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /** A refusal that tells the client when a retry may succeed ({@code retry_after_ms}). */
    public RequestException(ErrorCode code, String message, Long retryAfterMs) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }

    /** Milliseconds after which a retry may succeed, or null. */
    public Long retryAfterMs() {
        return retryAfterMs;
    }

    public ErrorCode code() {
        return code;
    }
}

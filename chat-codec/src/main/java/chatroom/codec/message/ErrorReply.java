package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code error {id?, code, message, retry_after_ms?}}: a request failed; clients act on {@code code}.
 * {@code retry_after_ms} comes with {@code busy} and with {@code rate_limited} when the server knows
 * when a retry can succeed; it is left out otherwise.
 */
public record ErrorReply(Object id, String code, String message,
                         @JsonProperty("retry_after_ms") Long retryAfterMs) implements Reply {
    public static final String TYPE = "error";

    public ErrorReply(Object id, String code, String message) {
        this(id, code, message, null);
    }

    public ErrorReply(Object id, ErrorCode code, String message) {
        this(id, code.wireName(), message, null);
    }

    public ErrorReply(Object id, ErrorCode code, String message, Long retryAfterMs) {
        this(id, code.wireName(), message, retryAfterMs);
    }

    @Override
    public String type() {
        return TYPE;
    }
}

package chatroom.codec.message;

import java.util.Locale;

/** The error codes of the contract, §7 (and §9 for version 2's). */
public enum ErrorCode {
    BAD_FRAME, FRAME_TOO_LARGE, BAD_REQUEST, UNKNOWN_TYPE, UNAUTHENTICATED, BAD_CREDENTIALS, BAD_TOKEN,
    USER_EXISTS, INVALID_NAME, WEAK_PASSWORD, NO_SUCH_ROOM, NO_SUCH_USER, NOT_MEMBER, FORBIDDEN, BANNED,
    RATE_LIMITED, MUTED, TOO_LARGE, BAD_CHECKSUM, NO_SUCH_FILE, INTERNAL,
    /** Version 2 (§9): a file would pass the user's quota or the server's total for files. */
    QUOTA_EXCEEDED,
    /** §9: the server cannot take the request now; nothing was done; retry after {@code retry_after_ms}. */
    BUSY;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The code as written on the wire, for example {@code not_member}. */
    public String wireName() {
        return wireName;
    }
}

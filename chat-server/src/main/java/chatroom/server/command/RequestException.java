package chatroom.server.command;

import chatroom.codec.message.ErrorCode;

/** A request cannot be done; it answers {@code error {code, message}} and the connection stays open. */
public final class RequestException extends RuntimeException {

    private final ErrorCode code;

    public RequestException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}

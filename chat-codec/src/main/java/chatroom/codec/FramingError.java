package chatroom.codec;

import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.ErrorReply;

/**
 * The byte stream cannot be split into frames any more ({@code bad_frame} or
 * {@code frame_too_large}). The receiver answers with an error and closes: nothing after it is read.
 */
public record FramingError(ErrorCode code, String reason) {

    public ErrorReply toReply() {
        return new ErrorReply(null, code, reason);
    }
}

package chatroom.codec;

import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.ErrorReply;

/**
 * A frame that arrived whole but is not a valid message. It travels up the pipeline in place of a
 * message so that its error reply keeps its place among the replies; the connection stays usable.
 *
 * @param id the request id when one could be read, else {@code null}
 */
public record InvalidMessage(Object id, ErrorCode code, String reason) {

    public ErrorReply toReply() {
        return new ErrorReply(id, code, reason);
    }
}

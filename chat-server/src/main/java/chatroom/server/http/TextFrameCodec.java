package chatroom.server.http;

import chatroom.codec.FramingError;
import chatroom.codec.InvalidMessage;
import chatroom.codec.message.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * The WebSocket transport's framing: a text frame's payload is one JSON body, and each outgoing
 * body becomes one text frame (its buffer passed on, not copied). A binary frame is
 * {@code bad_request} and the connection stays usable, as for any unreadable frame; its payload's
 * bytes are not looked at. {@code max_frame} is enforced before this handler: a single frame by
 * Netty's decoder (see {@link WebSocketErrorHandler}), fragments by the frame aggregator, whose
 * complaint arrives here and becomes {@code frame_too_large}, as on the TCP port.
 */
final class TextFrameCodec extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

    private final int maxFrame;

    TextFrameCodec(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    /** The framing error of a message longer than {@code max_frame}: the session answers it and closes. */
    static FramingError frameTooLarge(int maxFrame) {
        return new FramingError(ErrorCode.FRAME_TOO_LARGE, "message exceeds max_frame " + maxFrame + " bytes");
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf body, List<Object> out) {
        out.add(new TextWebSocketFrame(body.retain()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof BinaryWebSocketFrame) {
            out.add(new InvalidMessage(null, ErrorCode.BAD_REQUEST, "send JSON in text frames, not binary ones"));
        } else if (frame instanceof TextWebSocketFrame text) {
            out.add(text.content().retain());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            ctx.fireChannelRead(frameTooLarge(maxFrame));
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}

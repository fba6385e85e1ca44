package chatroom.server.http;

import chatroom.codec.FramingError;
import chatroom.codec.InvalidMessage;
import chatroom.codec.message.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * The WebSocket transport's framing: a text frame's payload is one JSON body, and each outgoing
 * body becomes one text frame (its buffer passed on, not copied). A payload longer than
 * {@code max_frame} is the protocol's {@code frame_too_large} (the connection then closes); a
 * binary frame is {@code bad_request} and the connection stays usable, as for any unreadable frame.
 */
final class TextFrameCodec extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

    private final int maxFrame;

    TextFrameCodec(int maxFrame) {
        this.maxFrame = maxFrame;
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
            ByteBuf payload = text.content();
            if (payload.readableBytes() > maxFrame) {
                out.add(new FramingError(ErrorCode.FRAME_TOO_LARGE,
                        "frame of " + payload.readableBytes() + " bytes exceeds max_frame " + maxFrame));
            } else {
                out.add(payload.retain());
            }
        }
    }
}

package chatroom.server.http;

import chatroom.codec.FramingError;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right behind Netty's WebSocket frame decoder and turns what it refuses into the protocol's
 * answers. A frame longer than {@code max_frame} (refused from its header, before its payload is
 * read) becomes the same {@link FramingError} {@code frame_too_large} as on the TCP port, so the
 * session answers and closes. Any other broken framing (unmasked frames, bad opcodes, ...) is not
 * the chat protocol's business: the connection is closed with the WebSocket status Netty chose.
 * Neither is logged as a server error. Holds only the limit, so one instance serves every channel.
 */
@Sharable
final class WebSocketErrorHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(WebSocketErrorHandler.class);

    private final int maxFrame;

    WebSocketErrorHandler(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof CorruptedWebSocketFrameException corrupted)) {
            ctx.fireExceptionCaught(cause);
        } else if (corrupted.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG) {
            ctx.fireChannelRead(TextFrameCodec.frameTooLarge(maxFrame));
        } else {
            log.debug("[{}] broken WebSocket framing, closing: {}", ctx.channel().remoteAddress(), cause.getMessage());
            // written from here, past the protocol handler, so that only this close frame goes out
            ctx.writeAndFlush(new CloseWebSocketFrame(corrupted.closeStatus(), corrupted.getMessage()))
                    .addListener(f -> ctx.close());
        }
    }
}

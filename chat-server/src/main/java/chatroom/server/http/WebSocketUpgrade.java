package chatroom.server.http;

import chatroom.codec.MessageDecoder;
import chatroom.codec.MessageEncoder;
import chatroom.server.config.ServerConfig;
import chatroom.server.pipeline.ChatServerInitializer;
import chatroom.server.pipeline.HandlerNames;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;

/**
 * Turns an HTTP connection into a chat connection once its WebSocket handshake is done: the
 * page-serving handler goes, and the same handlers as on the TCP port come in, behind a
 * text-frame adapter instead of the length prefix. Only then does the session start (and say
 * {@code welcome}). Holds no per-connection state, so one instance serves every channel.
 */
@Sharable
final class WebSocketUpgrade extends ChannelInboundHandlerAdapter {

    private final ServerConfig config;
    private final MessageDecoder messageDecoder;
    private final MessageEncoder messageEncoder;
    private final ChannelHandler sessionHandler;
    private final WebSocketErrorHandler errors;

    WebSocketUpgrade(ServerConfig config, MessageDecoder messageDecoder, MessageEncoder messageEncoder,
                     ChannelHandler sessionHandler) {
        this.config = config;
        this.messageDecoder = messageDecoder;
        this.messageEncoder = messageEncoder;
        this.sessionHandler = sessionHandler;
        this.errors = new WebSocketErrorHandler(config.maxFrame());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof HandshakeComplete)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        p.remove(HandlerNames.HTTP_REQUESTS);
        p.remove(HandlerNames.HTTP_IDLE);
        p.remove(HandlerNames.HTTP_DEADLINE);
        p.remove(HandlerNames.WEBSOCKET_ORIGIN);
        p.addAfter(p.context(WebSocketFrameDecoder.class).name(), HandlerNames.WEBSOCKET_ERRORS, errors);
        p.addLast(HandlerNames.WEBSOCKET_FRAMES, new TextFrameCodec(config.maxFrame()));
        p.addLast(HandlerNames.MESSAGE_DECODER, messageDecoder);
        p.addLast(HandlerNames.MESSAGE_ENCODER, messageEncoder);
        ChatServerInitializer.addSessionHandlers(p, config, sessionHandler);
        p.remove(this);
        // the connection was active long before: the session starts now, with its welcome
        p.context(HandlerNames.RATE_LIMIT).fireChannelActive();
    }
}

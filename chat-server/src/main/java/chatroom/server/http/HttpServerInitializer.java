package chatroom.server.http;

import chatroom.codec.MessageDecoder;
import chatroom.codec.MessageEncoder;
import chatroom.server.config.ServerConfig;
import chatroom.server.metrics.ByteCounter;
import chatroom.server.pipeline.HandlerNames;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;

/**
 * Each HTTP connection's pipeline:
 *
 * <pre>
 * socket → ByteCounter → ReadTimeoutHandler (idle plain HTTP) → HttpServerCodec → HttpObjectAggregator
 *        → WebSocketServerProtocolHandler (/ws: handshake, ping/pong, close)
 *        → WebSocketFrameAggregator (continuation frames → one frame)
 *        → WebSocketUpgrade (after the handshake: the chat handlers are added)
 *        → HttpRequestHandler (/, static files, /health, /metrics)
 * </pre>
 */
public final class HttpServerInitializer extends ChannelInitializer<Channel> {

    /** The idle timeout of a connection still speaking plain HTTP. */
    static final String HTTP_IDLE = "httpIdle";

    /** Largest HTTP request body: the page only sends GETs. */
    private static final int MAX_HTTP_CONTENT = 8 * 1024;

    private final ServerConfig config;
    private final ByteCounter byteCounter;
    private final HttpRequestHandler requests;
    private final WebSocketUpgrade upgrade;

    public HttpServerInitializer(ServerConfig config, ByteCounter byteCounter, HttpRequestHandler requests,
                                 MessageDecoder messageDecoder, MessageEncoder messageEncoder,
                                 io.netty.channel.ChannelHandler sessionHandler) {
        this.config = config;
        this.byteCounter = byteCounter;
        this.requests = requests;
        this.upgrade = new WebSocketUpgrade(config, messageDecoder, messageEncoder, sessionHandler);
    }

    @Override
    protected void initChannel(Channel ch) {
        // Netty's own frame limit sits above max_frame, so that a frame a little too long gets the
        // protocol's frame_too_large error from us instead of a bare close.
        int nettyLimit = config.maxFrame() * 4 + 1024;
        ChannelPipeline p = ch.pipeline();
        p.addLast(HandlerNames.BYTE_COUNTER, byteCounter);
        // A plain HTTP connection that sends nothing for the idle timeout is closed; after the
        // WebSocket handshake the chat handlers' own idle handling takes over.
        p.addLast(HTTP_IDLE, new ReadTimeoutHandler(config.idleTimeoutS()));
        p.addLast("httpCodec", new HttpServerCodec());
        p.addLast("httpAggregator", new HttpObjectAggregator(MAX_HTTP_CONTENT));
        p.addLast("webSocket", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/ws")
                .checkStartsWith(false)
                .handleCloseFrames(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(nettyLimit)
                        .allowExtensions(false).build())
                .build()));
        p.addLast("webSocketAggregator", new WebSocketFrameAggregator(nettyLimit));
        p.addLast("webSocketUpgrade", upgrade);
        p.addLast("httpRequests", requests);
    }
}

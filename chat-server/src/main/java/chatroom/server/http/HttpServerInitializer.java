package chatroom.server.http;

import chatroom.codec.MessageDecoder;
import chatroom.codec.MessageEncoder;
import chatroom.server.config.ServerConfig;
import chatroom.server.limits.ConnectionLimiter;
import chatroom.server.metrics.ByteCounter;
import chatroom.server.pipeline.HandlerNames;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseEncoder;
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
 * accept → ConnectionLimiter (counted against the caps shared with the chat port)
 * socket → ByteCounter → ReadTimeoutHandler (idle plain HTTP) → HttpServerCodec
 *        → HttpRequestDeadline (each request whole within --http-request-timeout-s)
 *        → HttpObjectAggregator
 *        → WebSocketOriginCheck (/ws from a foreign page → 403)
 *        → WebSocketServerProtocolHandler (/ws: handshake, ping/pong, close)
 *        → WebSocketFrameAggregator (continuation frames → one frame)
 *        → WebSocketUpgrade (after the handshake: the chat handlers are added)
 *        → HttpRequestHandler (/, static files, /health, /metrics)
 * </pre>
 *
 * After the handshake the HTTP codec has become Netty's WebSocket frame decoder and encoder, and
 * the pipeline reads:
 *
 * <pre>
 * socket → ByteCounter → WebSocket frame decoder (max_frame per frame)
 *        → WebSocketErrorHandler (oversize frame → frame_too_large; broken framing → close)
 *        → WebSocketServerProtocolHandler → WebSocketFrameAggregator (max_frame per message)
 *        → TextFrameCodec (text frame ↔ JSON body) → the chat handlers of the TCP port
 * </pre>
 *
 * A connection beyond the caps gets one of two short pipelines instead. While one of the few
 * places kept for them is free: codec → deadline → aggregator → {@link OverCapHttpHandler}
 * ({@code /health} answered, anything else 503, then close). Otherwise only an encoder and
 * {@link HttpRefusal}: 503 at once and close, without reading the request.
 */
public final class HttpServerInitializer extends ChannelInitializer<Channel> {

    /** Largest HTTP request body: the page only sends GETs. */
    private static final int MAX_HTTP_CONTENT = 8 * 1024;

    private static final String WEBSOCKET_PATH = "/ws";

    private final ServerConfig config;
    private final ByteCounter byteCounter;
    private final HttpRequestHandler requests;
    private final WebSocketUpgrade upgrade;
    private final ConnectionLimiter limiter;
    private final WebSocketOriginCheck originCheck;
    private final OverCapHttpHandler overCap;
    private final HttpRefusal refusal = new HttpRefusal();

    /**
     * @param limiter the connection caps every listener shares
     */
    public HttpServerInitializer(ServerConfig config, ByteCounter byteCounter, HttpRequestHandler requests,
                                 HealthReport health, MessageDecoder messageDecoder, MessageEncoder messageEncoder,
                                 ChannelHandler sessionHandler, ConnectionLimiter limiter) {
        this.config = config;
        this.byteCounter = byteCounter;
        this.requests = requests;
        this.limiter = limiter;
        this.upgrade = new WebSocketUpgrade(config, messageDecoder, messageEncoder, sessionHandler);
        this.originCheck = new WebSocketOriginCheck(WEBSOCKET_PATH, config.allowedOrigins());
        this.overCap = new OverCapHttpHandler(health);
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        if (limiter.admit(ch) != ConnectionLimiter.Admission.ADMITTED) {
            if (limiter.admitOverCap(ch)) {
                p.addLast(HandlerNames.HTTP_CODEC, new HttpServerCodec());
                p.addLast(HandlerNames.HTTP_DEADLINE, new HttpRequestDeadline(deadlineMillis()));
                p.addLast(HandlerNames.HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_HTTP_CONTENT));
                p.addLast(HandlerNames.HTTP_OVER_CAP, overCap);
            } else {
                p.addLast(HandlerNames.HTTP_CODEC, new HttpResponseEncoder());
                p.addLast(HandlerNames.HTTP_REFUSAL, refusal);
            }
            return;
        }
        p.addLast(HandlerNames.BYTE_COUNTER, byteCounter);
        // A plain HTTP connection that sends nothing for the idle timeout is closed; after the
        // WebSocket handshake the chat handlers' own idle handling takes over.
        p.addLast(HandlerNames.HTTP_IDLE, new ReadTimeoutHandler(config.idleTimeoutS()));
        p.addLast(HandlerNames.HTTP_CODEC, new HttpServerCodec());
        p.addLast(HandlerNames.HTTP_DEADLINE, new HttpRequestDeadline(deadlineMillis()));
        p.addLast(HandlerNames.HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_HTTP_CONTENT));
        p.addLast(HandlerNames.WEBSOCKET_ORIGIN, originCheck);
        p.addLast(HandlerNames.WEBSOCKET_PROTOCOL, new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig
                .newBuilder()
                .websocketPath(WEBSOCKET_PATH)
                .checkStartsWith(false)
                .handshakeTimeoutMillis(deadlineMillis())
                .handleCloseFrames(true)
                // A frame over max_frame is refused from its header, before its payload is read; it
                // is answered with frame_too_large (WebSocketErrorHandler) rather than a bare close,
                // and text that is not UTF-8 with bad_request (MessageDecoder), as on the TCP port.
                .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(config.maxFrame())
                        .allowExtensions(false).closeOnProtocolViolation(false).withUTF8Validator(false).build())
                .build()));
        p.addLast(HandlerNames.WEBSOCKET_AGGREGATOR, new WebSocketFrameAggregator(config.maxFrame()));
        p.addLast(HandlerNames.WEBSOCKET_UPGRADE, upgrade);
        p.addLast(HandlerNames.HTTP_REQUESTS, requests);
    }

    private long deadlineMillis() {
        return config.httpRequestTimeoutS() * 1000L;
    }
}

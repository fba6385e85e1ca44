package chatroom.server.pipeline;

import chatroom.codec.FrameMessageDecoder;
import chatroom.codec.JsonCodec;
import chatroom.codec.MessageEncoder;
import chatroom.server.config.ServerConfig;
import chatroom.server.limits.ConnectionLimiter;
import chatroom.server.metrics.ByteCounter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;

/**
 * Builds each connection's pipeline. Reading top to bottom is the path of an incoming byte:
 *
 * <pre>
 * accept → ConnectionLimiter (counted against the caps shared with the HTTP port; the session
 *          says bye too_many_connections to one beyond them)
 * socket → ByteCounter (metrics)
 *        → SslHandler (only with --tls-cert)
 *        → FrameMessageDecoder (length prefix and JSON → typed message, InvalidMessage or FramingError)
 *        → MessageEncoder.framed (outgoing only)
 *        → IdleTimeoutHandler (silence → bye idle_timeout)
 *        → RateLimitHandler (excess send, or join/leave/topic/invite → rate_limited)
 *        → SessionHandler (welcome, auth, ordered requests → rooms, store, fan-out; the last
 *          resort for exceptions, through ExceptionHandler)
 * </pre>
 *
 * Outgoing messages go the other way: MessageEncoder.framed (typed → length and JSON, one buffer).
 * The session writes its batches of already framed broadcasts from that encoder's place.
 */
public final class ChatServerInitializer extends ChannelInitializer<Channel> {

    private final ServerConfig config;
    private final JsonCodec codec;
    private final MessageEncoder frameEncoder;
    private final SessionHandler sessionHandler;
    private final SslContext sslContext;
    private final ByteCounter byteCounter;
    private final ConnectionLimiter limiter;

    /**
     * @param sslContext the TLS context when the chat port speaks TLS, else null
     * @param limiter the connection caps every listener shares
     */
    public ChatServerInitializer(ServerConfig config, SslContext sslContext, ByteCounter byteCounter,
                                 JsonCodec codec,
                                 SessionHandler sessionHandler, ConnectionLimiter limiter) {
        this.byteCounter = byteCounter;
        this.limiter = limiter;
        this.config = config;
        this.sslContext = sslContext;
        this.codec = codec;
        this.frameEncoder = MessageEncoder.framed(codec);
        this.sessionHandler = sessionHandler;
    }

    @Override
    protected void initChannel(Channel ch) {
        // counted now, at accept: a connection over the caps still gets its welcome and bye (SessionHandler)
        limiter.admit(ch);
        ChannelPipeline p = ch.pipeline();
        p.addLast(HandlerNames.BYTE_COUNTER, byteCounter);
        if (sslContext != null) {
            p.addLast(HandlerNames.TLS, sslContext.newHandler(ch.alloc()));
        }
        p.addLast(HandlerNames.FRAME_DECODER, new FrameMessageDecoder(config.maxFrame(), codec));
        p.addLast(HandlerNames.FRAME_ENCODER, frameEncoder);
        addSessionHandlers(p, config, sessionHandler);
    }

    /**
     * The handlers every transport shares once it delivers typed messages: liveness, the send rate
     * limit and the session. The WebSocket transport adds the same ones after its handshake.
     */
    public static void addSessionHandlers(ChannelPipeline p, ServerConfig config, ChannelHandler sessionHandler) {
        // Any complete frame, even an invalid one, counts as the peer being alive.
        p.addLast(HandlerNames.IDLE_TIMEOUT, new IdleTimeoutHandler(config.idleTimeoutS()));
        p.addLast(HandlerNames.RATE_LIMIT, new RateLimitHandler(config.rate(), config.burst(), config.roomOpRate(),
                config.roomOpBurst()));
        p.addLast(HandlerNames.SESSION, sessionHandler);
    }
}

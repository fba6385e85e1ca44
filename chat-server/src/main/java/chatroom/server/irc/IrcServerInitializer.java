package chatroom.server.irc;

import chatroom.codec.JsonCodec;
import chatroom.server.config.ServerConfig;
import chatroom.server.limits.ConnectionLimiter;
import chatroom.server.metrics.ByteCounter;
import chatroom.server.pipeline.HandlerNames;
import chatroom.server.pipeline.IdleTimeoutHandler;
import chatroom.server.pipeline.RateLimitHandler;
import chatroom.server.pipeline.SessionHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;

/**
 * Builds an IRC connection's pipeline. The path of an incoming byte:
 *
 * <pre>
 * accept → ConnectionLimiter (the same caps as the chat and HTTP ports)
 * socket → ByteCounter (metrics)
 *        → SslHandler (only with --tls-cert)
 *        → IrcLineDecoder (CR LF or LF → one line; 512 + 8191 bytes at most; UTF-8, bad bytes replaced)
 *        → IdleTimeoutHandler (silence → ERROR and close)
 *        → IrcGatewayHandler (registration; IRC command → request; reply/event → IRC lines)
 *        → RateLimitHandler (excess PRIVMSG → 404, as rate_limited)
 *        → SessionHandler (the same session, command layer and fan-out as the JSON protocol;
 *          the last resort for exceptions, through ExceptionHandler)
 * </pre>
 *
 * Outgoing, the session's replies and events reach the gateway handler, which writes IRC lines.
 */
public final class IrcServerInitializer extends ChannelInitializer<Channel> {

    private final ServerConfig config;
    private final IrcConfig irc;
    private final SslContext sslContext;
    private final ByteCounter byteCounter;
    private final JsonCodec events;
    private final SessionHandler sessionHandler;
    private final ConnectionLimiter limiter;
    private final IrcNetwork network;

    /**
     * @param sslContext the chat port's TLS context, or null
     * @param events decodes the session's encoded broadcasts (server-to-client types)
     * @param network what IRC shows of the shared state beyond replies (room owner and privacy, away)
     */
    public IrcServerInitializer(ServerConfig config, IrcConfig irc, SslContext sslContext, ByteCounter byteCounter,
                                JsonCodec events, SessionHandler sessionHandler, ConnectionLimiter limiter,
                                IrcNetwork network) {
        this.config = config;
        this.irc = irc;
        this.sslContext = sslContext;
        this.byteCounter = byteCounter;
        this.events = events;
        this.sessionHandler = sessionHandler;
        this.limiter = limiter;
        this.network = network;
    }

    @Override
    protected void initChannel(Channel ch) {
        // counted at accept: one over the caps gets ERROR too_many_connections from the session
        limiter.admit(ch);
        ChannelPipeline p = ch.pipeline();
        p.addLast(HandlerNames.BYTE_COUNTER, byteCounter);
        if (sslContext != null) {
            p.addLast(HandlerNames.TLS, sslContext.newHandler(ch.alloc()));
        }
        p.addLast(HandlerNames.IRC_LINES, new IrcLineDecoder());
        p.addLast(HandlerNames.IDLE_TIMEOUT, new IdleTimeoutHandler(config.idleTimeoutS()));
        p.addLast(HandlerNames.IRC_GATEWAY, new IrcGatewayHandler(events, irc, network));
        p.addLast(HandlerNames.RATE_LIMIT, new RateLimitHandler(config.rate(), config.burst(), config.roomOpRate(),
                config.roomOpBurst()));
        p.addLast(HandlerNames.SESSION, sessionHandler);
    }
}

package chatroom.server.pipeline;

import chatroom.codec.FramingError;
import chatroom.codec.InvalidMessage;
import chatroom.codec.message.Bye;
import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.Login;
import chatroom.codec.message.Register;
import chatroom.codec.message.Pong;
import chatroom.codec.message.Request;
import chatroom.codec.message.Welcome;
import chatroom.server.command.RequestDispatcher;
import chatroom.server.command.ServerContext;
import chatroom.server.limits.ConnectionLimiter;
import chatroom.server.limits.ConnectionLimiter.Admission;
import chatroom.server.session.Session;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a connection becomes a session: says {@code welcome}, hands the decoded requests to the
 * connection's {@link RequestQueue} (run in arrival order; replies keep request order, even when
 * one waits for the store), and on close takes the session out of the registry. Per-connection
 * state lives in {@link Session} and {@link RequestQueue}, so one instance serves every channel.
 */
@Sharable
public final class SessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);

    private final ServerContext context;
    private final RequestDispatcher dispatcher;
    private final String serverName;

    public SessionHandler(ServerContext context, String serverName) {
        this.context = context;
        this.dispatcher = new RequestDispatcher(context);
        this.serverName = serverName;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ChannelHandlerContext framedWriter = ctx.pipeline().context(HandlerNames.FRAME_ENCODER);
        // the WebSocket transport has no length prefix to batch behind: each body becomes its own frame
        Session session = framedWriter == null ? new Session(ctx.channel(), context.config().maxOutboundBytes())
                : new Session(ctx.channel(), framedWriter, context.config().maxOutboundBytes());
        session.onSlowConsumer(context.metrics()::slowConsumerDisconnected);
        ctx.channel().attr(Session.KEY).set(session);
        ctx.channel().attr(RequestQueue.KEY).set(new RequestQueue(session, dispatcher::dispatch,
                context.config().maxPendingRequests()));
        context.sessions().connected(session);
        session.send(new Welcome(Welcome.PROTOCOL_VERSION, serverName, context.config().maxFrame(),
                context.config().heartbeatS(), context.config().idleTimeoutS()));
        Admission admission = ConnectionLimiter.admissionOf(ctx.channel());
        if (admission != Admission.ADMITTED) {
            log.info("{} refused: {}", session.logPrefix(), admission == Admission.OVER_ADDRESS_CAP
                    ? "too many connections from its address" : "too many connections");
            session.close(Bye.TOO_MANY_CONNECTIONS);
        } else {
            ctx.executor().schedule(() -> {
                // §9: once the client has asked to log in, the wait is the server's, not the client's
                if (!session.isAuthenticated() && !session.loginRequested()) {
                    session.close(Bye.LOGIN_TIMEOUT);
                }
            }, context.config().loginTimeoutS(), TimeUnit.SECONDS);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        Session session = Session.of(ctx.channel());
        if (evt == ConnectionLimiter.OVER_CLUSTER_ADDRESS_CAP && session != null) {
            log.info("{} refused: too many connections from its address in the cluster (or beyond this node's "
                    + "share while Redis is away)", session.logPrefix());
            session.close(Bye.TOO_MANY_CONNECTIONS);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Session session = Session.of(ctx.channel());
        if (msg instanceof FramingError error) {
            context.metrics().frameRejected(error.code());
            session.closeWith(error.toReply());
        } else if (msg instanceof Pong) {
            return; // the answer to a ping of ours; receiving it was the point
        } else if (msg instanceof Request || msg instanceof InvalidMessage) {
            if (session.isClosing()) {
                return;
            }
            if (msg instanceof InvalidMessage invalid) {
                if (invalid.code() == ErrorCode.RATE_LIMITED) {
                    context.metrics().rateLimited();
                } else {
                    context.metrics().frameRejected(invalid.code());
                }
            }
            if (msg instanceof Login || msg instanceof Register) {
                session.loginRequested(true);
            }
            RequestQueue.of(ctx.channel()).add(msg);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            Session session = Session.of(ctx.channel());
            if (session != null) {
                session.drain();
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** The last handler of every pipeline it is in, so the last resort for exceptions as well. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ExceptionHandler.INSTANCE.exceptionCaught(ctx, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Session session = Session.of(ctx.channel());
        if (session != null) {
            boolean last = context.sessions().remove(session);
            if (session.userKey() != null) {
                context.events().sessionEnded(session, last);
            }
            RequestQueue.of(ctx.channel()).discard();
            session.discardAll();
        }
        ctx.fireChannelInactive();
    }
}

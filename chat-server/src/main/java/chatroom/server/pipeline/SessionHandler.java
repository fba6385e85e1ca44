package chatroom.server.pipeline;

import chatroom.codec.FramingError;
import chatroom.codec.InvalidMessage;
import chatroom.codec.message.Bye;
import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.Join;
import chatroom.codec.message.Login;
import chatroom.codec.message.Register;
import chatroom.codec.message.Pong;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Request;
import chatroom.codec.message.Send;
import chatroom.codec.message.Welcome;
import chatroom.server.command.RequestDispatcher;
import chatroom.server.command.ServerContext;
import chatroom.server.limits.ConnectionLimiter;
import chatroom.server.limits.ConnectionLimiter.Admission;
import chatroom.server.session.Session;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a connection becomes a session: says {@code welcome}, queues the decoded requests and runs
 * them in arrival order (replies keep request order, even when one waits for the store), and on
 * close takes the session out of the registry. Reading pauses while too many requests wait.
 * Per-connection state lives in {@link Session}, so one instance serves every channel.
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
            Queue<Object> pending = session.pendingRequests();
            pending.add(msg);
            if (pending.size() >= context.config().maxPendingRequests()) {
                ctx.channel().config().setAutoRead(false);
            }
            runNext(session);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Runs queued requests until one has to wait; event loop only. Consecutive room {@code send}s
     * are pipelined: each is handed to the store at once, in order (so one commit can hold many
     * of them and their seqs follow request order), and their replies leave in request order as
     * they complete. Any other request waits until the sends before it are answered, and the
     * requests after it wait for it.
     */
    private void runNext(Session session) {
        while (!session.busy()) {
            Object request = session.pendingRequests().peek();
            if (request == null) {
                if (!session.channel().config().isAutoRead()) {
                    session.channel().config().setAutoRead(true);
                }
                return;
            }
            boolean pipelined = request instanceof Send send && send.room() != null && session.isAuthenticated();
            Queue<CompletableFuture<Reply>> sendsInFlight = session.sendsInFlight();
            if (!sendsInFlight.isEmpty()
                    && (!pipelined || sendsInFlight.size() >= context.config().maxPendingRequests())) {
                return; // runs again when the oldest send in flight is answered
            }
            session.pendingRequests().poll();
            if (session.hasLoginHolds() && !(request instanceof Join)) {
                session.releaseLoginHolds(); // not a resuming client: let its rooms' messages flow
            }
            CompletableFuture<Reply> stage = dispatcher.dispatch(session, request).toCompletableFuture();
            if (pipelined) {
                sendsInFlight.add(stage);
                if (stage.isDone()) {
                    sendAnsweredInOrder(session);
                } else {
                    stage.whenComplete((reply, error) -> session.eventLoop().execute(() -> {
                        sendAnsweredInOrder(session);
                        restartIdleCount(session);
                        runNext(session);
                    }));
                }
                continue;
            }
            session.busy(true);
            if (stage.isDone()) {
                finished(session, stage.join());
            } else {
                stage.thenAccept(reply -> session.eventLoop().execute(() -> {
                    finished(session, reply);
                    restartIdleCount(session);
                    runNext(session);
                }));
                return;
            }
        }
    }

    /**
     * The idle timeout does not run while a request is unanswered (§9): after a slow answer the
     * client gets a full idle period again, counted from the answer.
     */
    private static void restartIdleCount(Session session) {
        if (session.channel().pipeline().get(HandlerNames.IDLE_STATE) instanceof IdleStateHandler idle) {
            idle.resetReadTimeout();
        }
    }

    /** Sends the replies of pipelined sends that are answered, oldest first, up to the first still waiting. */
    private static void sendAnsweredInOrder(Session session) {
        Queue<CompletableFuture<Reply>> sendsInFlight = session.sendsInFlight();
        while (!sendsInFlight.isEmpty() && sendsInFlight.peek().isDone()) {
            Reply reply = sendsInFlight.poll().join(); // the dispatcher turns failures into error replies
            if (reply != null) {
                session.send(reply);
            }
        }
    }

    private static void finished(Session session, Reply reply) {
        if (reply != null) {
            session.send(reply);
        }
        session.busy(false);
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

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Session session = Session.of(ctx.channel());
        if (session != null) {
            boolean last = context.sessions().remove(session);
            if (session.userKey() != null) {
                context.events().sessionEnded(session, last);
            }
            session.pendingRequests().forEach(ReferenceCountUtil::release);
            session.pendingRequests().clear();
            session.discardAll();
        }
        ctx.fireChannelInactive();
    }
}

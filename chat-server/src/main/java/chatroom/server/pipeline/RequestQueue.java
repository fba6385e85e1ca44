package chatroom.server.pipeline;

import chatroom.codec.message.Join;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Send;
import chatroom.server.command.RequestDispatcher;
import chatroom.server.session.Session;
import io.netty.channel.Channel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The decoded requests of one connection, run in arrival order so that replies keep request
 * order even when one waits for the store. Stored on the channel under {@link #KEY} by
 * {@link SessionHandler}; reading pauses while {@code maxPending} requests wait. Event loop only.
 */
public final class RequestQueue {

    public static final AttributeKey<RequestQueue> KEY = AttributeKey.valueOf(RequestQueue.class, "requests");

    private final Session session;
    private final Dispatch dispatcher;
    private final int maxPending;
    private final Queue<Object> pending = new ArrayDeque<>();
    /** Replies of pipelined {@code send}s not yet sent, in request order. */
    private final Queue<CompletableFuture<Reply>> sendsInFlight = new ArrayDeque<>();
    /** Whether a request other than a pipelined send is in progress. */
    private boolean busy;
    /**
     * Whether {@link #answered} is scheduled: one event-loop task (and one flush) per commit's
     * worth of answered sends, not one per send. Set by the thread that completes a send.
     */
    private final AtomicBoolean answerScheduled = new AtomicBoolean();
    private final Runnable answerTask = this::answered;

    /** Runs one request of a session; the server's is {@link RequestDispatcher#dispatch}. */
    @FunctionalInterface
    interface Dispatch {
        /** The request's reply (null: the handler queued it itself); never completes exceptionally. */
        CompletionStage<Reply> dispatch(Session session, Object request);
    }

    RequestQueue(Session session, Dispatch dispatcher, int maxPending) {
        this.session = session;
        this.dispatcher = dispatcher;
        this.maxPending = maxPending;
    }

    /** The request queue of a channel, or null when it has none (yet). */
    public static RequestQueue of(Channel channel) {
        return channel.attr(KEY).get();
    }

    /** Queues a decoded request (or an {@code InvalidMessage}) and runs what can run. */
    void add(Object request) {
        pending.add(request);
        if (pending.size() >= maxPending) {
            session.channel().config().setAutoRead(false);
        }
        runNext();
    }

    /**
     * Whether a request of this connection is still unanswered (running, queued, or a pipelined
     * send): the connection is then waiting for the server, not idle.
     */
    boolean awaitingReply() {
        return busy || !pending.isEmpty() || !sendsInFlight.isEmpty();
    }

    /** Marks a request as in progress or done; {@link #runNext} does so. */
    void busy(boolean busy) {
        this.busy = busy;
    }

    /** Releases the requests that were not started; the connection is closing. */
    public void discard() {
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
    }

    /**
     * Runs queued requests until one has to wait. Consecutive room {@code send}s are pipelined:
     * each is handed to the store at once, in order (so one commit can hold many of them and their
     * seqs follow request order), and their replies leave in request order as they complete. Any
     * other request waits until the sends before it are answered, and the requests after it wait for it.
     */
    private void runNext() {
        while (!busy) {
            Object request = pending.peek();
            if (request == null) {
                if (!session.channel().config().isAutoRead()) {
                    session.channel().config().setAutoRead(true);
                }
                return;
            }
            boolean pipelined = request instanceof Send send && send.room() != null && session.isAuthenticated();
            if (!sendsInFlight.isEmpty() && (!pipelined || sendsInFlight.size() >= maxPending)) {
                return; // runs again when the oldest send in flight is answered
            }
            pending.poll();
            if (session.hasLoginHolds() && !(request instanceof Join)) {
                session.releaseLoginHolds(); // not a resuming client: let its rooms' messages flow
            }
            CompletableFuture<Reply> stage = dispatcher.dispatch(session, request).toCompletableFuture();
            if (pipelined) {
                sendsInFlight.add(stage);
                if (stage.isDone()) {
                    sendAnsweredInOrder();
                } else {
                    stage.whenComplete((reply, error) -> {
                        // the writer completes a commit's sends in a row: the first one schedules the task for all
                        if (answerScheduled.compareAndSet(false, true)) {
                            session.eventLoop().execute(answerTask);
                        }
                    });
                }
                continue;
            }
            busy = true;
            if (stage.isDone()) {
                finished(stage.join());
            } else {
                stage.thenAccept(reply -> session.eventLoop().execute(() -> {
                    finished(reply);
                    restartIdleCount();
                    runNext();
                }));
                return;
            }
        }
    }

    /**
     * The idle timeout does not run while a request is unanswered (§9): after a slow answer the
     * client gets a full idle period again, counted from the answer.
     */
    private void restartIdleCount() {
        if (session.channel().pipeline().get(HandlerNames.IDLE_TIMEOUT) instanceof IdleStateHandler idle) {
            idle.resetReadTimeout();
        }
    }

    /** The task that sends what pipelined sends have answered and goes on with the requests after them. */
    private void answered() {
        answerScheduled.set(false); // before looking: a send completed from now on schedules the task again
        sendAnsweredInOrder();
        restartIdleCount();
        runNext();
    }

    /**
     * Sends the replies of pipelined sends that are answered, oldest first, up to the first still
     * waiting: queued together and flushed once.
     */
    private void sendAnsweredInOrder() {
        List<Reply> replies = null;
        while (!sendsInFlight.isEmpty() && sendsInFlight.peek().isDone()) {
            Reply reply = sendsInFlight.poll().join(); // the dispatcher turns failures into error replies
            if (reply != null) {
                if (replies == null) {
                    replies = new ArrayList<>();
                }
                replies.add(reply);
            }
        }
        if (replies != null) {
            session.sendAll(replies);
        }
    }

    private void finished(Reply reply) {
        if (reply != null) {
            session.send(reply);
        }
        busy = false;
    }
}

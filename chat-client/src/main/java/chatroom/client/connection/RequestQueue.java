package chatroom.client.connection;

import chatroom.client.ChatException;
import chatroom.client.ClientOptions;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Request;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Where requests wait, and which reply answers which (Lettuce's {@code DefaultEndpoint} with its
 * disconnected buffer). A request is written at once while the queue is {@linkplain #open open};
 * while it is not (disconnected, or resuming after a reconnect) it waits in a bounded queue
 * ({@link ClientOptions#maxQueuedRequests()}), or fails when queueing is off or the queue is full.
 * Sends that lost their socket before the reply are kept apart and go first when it opens again
 * (their cid makes that safe). Every request has a timeout from the moment it is created.
 * Confined to the client's event loop.
 */
final class RequestQueue {

    private final RequestMatcher inFlight;
    private final boolean queueWhileDisconnected;
    private final int maxQueued;
    private final ArrayDeque<PendingRequest> waiting = new ArrayDeque<>();
    private final List<PendingRequest> toResend = new ArrayList<>();
    /** Where user requests go now; null while they have to wait. */
    private Channel open;
    private long nextId;

    RequestQueue(EventExecutor loop, ClientOptions options) {
        this.inFlight = new RequestMatcher(loop, options.requestTimeout());
        this.queueWhileDisconnected = options.queueWhileDisconnected();
        this.maxQueued = options.maxQueuedRequests();
    }

    /** A request of the application: written now, queued, or failed with {@code disconnected}. */
    void submit(Function<Long, Request> build, CompletableFuture<Object> reply) {
        PendingRequest pending = create(build, reply);
        if (open != null) {
            write(open, pending);
        } else if (queueWhileDisconnected && waiting.size() < maxQueued) {
            waiting.add(pending);
        } else {
            fail(pending, ChatException.DISCONNECTED, "not connected");
        }
    }

    /** A request of the client itself (resume), written on {@code channel} even while user requests wait. */
    CompletableFuture<Object> submitNow(Channel channel, Function<Long, Request> build) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        if (channel == null) {
            reply.completeExceptionally(new ChatException(ChatException.DISCONNECTED, "not connected"));
            return reply;
        }
        write(channel, create(build, reply));
        return reply;
    }

    private PendingRequest create(Function<Long, Request> build, CompletableFuture<Object> reply) {
        PendingRequest pending = new PendingRequest(build.apply(++nextId), reply);
        inFlight.startClock(pending, () -> forget(pending));
        return pending;
    }

    private void write(Channel channel, PendingRequest pending) {
        inFlight.sent(pending);
        channel.writeAndFlush(pending.request);
    }

    private void forget(PendingRequest pending) {
        if (!inFlight.forget(pending)) {
            waiting.remove(pending);
            toResend.remove(pending);
        }
    }

    /** Completes the request a reply answers; {@code onOk} sees a success first (see {@link RequestMatcher#answered}). */
    void answered(Reply reply, BiConsumer<Request, Ok> onOk) {
        inFlight.answered(reply, onOk); // unmatched: a heartbeat's pong, or a reply that timed out
    }

    /** Whether user requests are written at once. */
    boolean isOpen() {
        return open != null;
    }

    /**
     * Lets user requests go on {@code channel}: first the sends the last connection lost, then (with
     * {@link #flushWaiting}) what waited. Two steps, so the owner can announce the new state between.
     */
    void open(Channel channel) {
        open = channel;
        List<PendingRequest> again = new ArrayList<>(toResend);
        toResend.clear();
        for (PendingRequest pending : again) {
            write(channel, pending);
        }
    }

    /** Writes what waited while the queue was closed, oldest first. */
    void flushWaiting() {
        while (open != null && !waiting.isEmpty()) {
            write(open, waiting.poll());
        }
    }

    /**
     * The socket is gone: user requests wait from now on. What was sent and unanswered fails, but
     * sends are kept to go again when {@code resend} (the connection will come back).
     */
    void connectionLost(boolean resend) {
        open = null;
        for (PendingRequest pending : inFlight.takeAll()) {
            if (resend && pending.resendable()) {
                toResend.add(pending);
            } else {
                fail(pending, ChatException.DISCONNECTED, "the connection was lost before the reply");
            }
        }
    }

    /** Fails every request: sent, waiting or to be sent again. */
    void failAll(String code, String message) {
        List<PendingRequest> all = new ArrayList<>(inFlight.takeAll());
        all.addAll(waiting);
        all.addAll(toResend);
        waiting.clear();
        toResend.clear();
        all.forEach(pending -> fail(pending, code, message));
    }

    private static void fail(PendingRequest pending, String code, String message) {
        if (pending.timeout != null) {
            pending.timeout.cancel(false);
        }
        pending.reply.completeExceptionally(new ChatException(code, message));
    }
}

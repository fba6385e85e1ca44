package chatroom.client.connection;

import chatroom.client.ChatException;
import chatroom.codec.message.ErrorReply;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Request;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Matches replies to the requests that are waiting for them, by {@code id}. A request that gets no
 * reply within the timeout fails with {@link ChatException#TIMEOUT}; a reply nobody waits for (a
 * heartbeat's pong, a late answer) is ignored. Confined to one event loop.
 */
final class RequestMatcher {

    private final Map<String, PendingRequest> waiting = new LinkedHashMap<>();
    private final EventExecutor executor;
    private final Duration timeout;

    RequestMatcher(EventExecutor executor, Duration timeout) {
        this.executor = executor;
        this.timeout = timeout;
    }

    /** Starts the request's timeout clock; call when it is created. */
    void startClock(PendingRequest pending, Runnable onTimeout) {
        pending.timeout = executor.schedule(() -> {
            onTimeout.run();
            pending.reply.completeExceptionally(new ChatException(ChatException.TIMEOUT,
                    pending.request.type() + " got no reply within " + timeout.toSeconds() + " s"));
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The request went out and now waits for its reply. */
    void sent(PendingRequest pending) {
        waiting.put(pending.id(), pending);
    }

    /** Stops waiting for a request (it timed out). */
    boolean forget(PendingRequest pending) {
        return waiting.remove(pending.id()) != null;
    }

    /**
     * Completes the request a reply answers: with the reply, or with a {@link ChatException} for an
     * {@code error}. {@code onOk} runs first, so what it records is in place when the future's
     * dependents run.
     *
     * @return whether a waiting request matched
     */
    boolean answered(Reply reply, BiConsumer<Request, Ok> onOk) {
        PendingRequest pending = reply.id() == null ? null : waiting.remove(String.valueOf(reply.id()));
        if (pending == null) {
            return false;
        }
        if (pending.timeout != null) {
            pending.timeout.cancel(false);
        }
        if (reply instanceof ErrorReply error) {
            pending.reply.completeExceptionally(new ChatException(error.code(), error.message(), error.retryAfterMs()));
        } else {
            if (reply instanceof Ok ok) {
                onOk.accept(pending.request, ok);
            }
            pending.reply.complete(reply);
        }
        return true;
    }

    /** Takes every waiting request (the connection is gone), oldest first. */
    List<PendingRequest> takeAll() {
        List<PendingRequest> all = new ArrayList<>(waiting.values());
        waiting.clear();
        return all;
    }
}

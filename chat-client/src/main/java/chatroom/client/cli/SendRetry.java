package chatroom.client.cli;

import chatroom.client.ChatException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends again when the server said "not now" ({@code rate_limited} or {@code busy}), after the
 * {@code retry_after_ms} it gave or a doubling backoff, so a piped script never loses a line. The
 * shell runs one command at a time, so retried lines keep their order.
 */
final class SendRetry {

    /** First wait when the server gave no {@code retry_after_ms}; doubles up to {@link #MAX_WAIT_MS}. */
    static final long FIRST_WAIT_MS = 250;
    static final long MAX_WAIT_MS = 4000;

    private SendRetry() {
    }

    /** Sends, and resends up to {@code retries} times while the server says "not now". */
    static <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> send, int retries) {
        return attempt(send, 1, retries, FIRST_WAIT_MS);
    }

    private static <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> send, int round, int retries,
                                                    long backoff) {
        return send.get().handle((value, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (!(cause instanceof ChatException chat) || !retryable(chat) || round > retries) {
                return CompletableFuture.<T>failedFuture(cause);
            }
            long wait = chat.retryAfterMs() != null ? Math.min(chat.retryAfterMs(), MAX_WAIT_MS * 4) : backoff;
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS))
                    .thenCompose(waited -> attempt(send, round + 1, retries, Math.min(backoff * 2, MAX_WAIT_MS)));
        }).thenCompose(next -> next);
    }

    private static boolean retryable(ChatException error) {
        return "rate_limited".equals(error.code()) || "busy".equals(error.code());
    }
}

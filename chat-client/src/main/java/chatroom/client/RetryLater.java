package chatroom.client;

import chatroom.common.Futures;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends a request again when the server said "not now": {@code busy}, or {@code rate_limited}
 * with a {@code retry_after_ms} (protocol §9). Each retry waits at least the time the server gave,
 * plus a random share that grows with each round, so a crowd refused together does not come back
 * together. Bounded: after {@code retries} rounds, or when the server asks for longer than
 * {@code longestWait}, the error is the caller's.
 */
final class RetryLater {

    private RetryLater() {
    }

    static <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> send, int retries, Duration longestWait) {
        return attempt(send, 1, retries, longestWait.toMillis());
    }

    private static <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> send, int round, int retries,
                                                    long longestWaitMs) {
        return send.get().handle((value, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = Futures.unwrap(error);
            Long retryAfter = cause instanceof ChatException chat && retryable(chat) ? chat.retryAfterMs() : null;
            if (round > retries || retryAfter == null || retryAfter > longestWaitMs) {
                return CompletableFuture.<T>failedFuture(cause);
            }
            long wait = retryAfter + ThreadLocalRandom.current().nextLong(retryAfter * round + 1);
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS))
                    .thenCompose(waited -> attempt(send, round + 1, retries, longestWaitMs));
        }).thenCompose(next -> next);
    }

    private static boolean retryable(ChatException error) {
        return error.retryAfterMs() != null && ("busy".equals(error.code()) || "rate_limited".equals(error.code()));
    }
}

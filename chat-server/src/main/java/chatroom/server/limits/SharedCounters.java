package chatroom.server.limits;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Counters that every node of a cluster shares, so that a limit on registrations or password
 * guesses holds for the cluster as a whole: an attacker who spreads attempts over the nodes gets no
 * more than on one node. Each key counts in a fixed window that starts with its first count and
 * ends {@code window} later.
 *
 * <p>On a single node there is nothing to share: {@link #NONE} counts nothing and the node's own
 * in-memory limiters are the whole story. In a cluster the counters live in Redis; when Redis cannot
 * be reached they fall back to counting on this node, and then report a count scaled by the number
 * of nodes last seen, so each node allows its share of the limit (see {@code RedisCounters}).
 *
 * <p>Nothing here blocks: results complete later, on a thread that is not an event loop's.
 */
public interface SharedCounters {

    /** Nothing shared (a single node): every count is 0. */
    SharedCounters NONE = new SharedCounters() {
        @Override
        public CompletableFuture<Count> increment(String key, Duration window) {
            return CompletableFuture.completedFuture(new Count(0, 0));
        }

        @Override
        public void decrement(String key) {
        }

        @Override
        public void reset(String key) {
        }
    };

    /**
     * The count of a key after an increment.
     *
     * @param value the count in the current window, this increment included (0 when nothing is shared)
     * @param windowEndsInMs milliseconds until the window ends and the count starts again from 0
     */
    record Count(long value, long windowEndsInMs) {
    }

    /** Counts one more for {@code key}; starts a window of {@code window} if none is running. Never fails. */
    CompletableFuture<Count> increment(String key, Duration window);

    /** Takes one back (an attempt that did not happen after all); never below 0. */
    void decrement(String key);

    /** Forgets {@code key}'s count (a success clears its failures). */
    void reset(String key);
}

package chatroom.server.limits;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
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

        @Override
        public int nodes() {
            return 1;
        }

        @Override
        public void add(String tally, String field, long delta) {
        }

        @Override
        public CompletableFuture<Boolean> addIfUnder(String tally, String field, long delta, long limit) {
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public CompletableFuture<Long> occupy(String token, Map<String, Integer> slots, long expectedMs,
                                              Duration longest) {
            return CompletableFuture.completedFuture(0L);
        }

        @Override
        public void vacate(String token, Collection<String> slots) {
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

    /** The nodes of the cluster as last seen (at least 1): the divisor of every fallback share. */
    int nodes();

    /**
     * Tallies of what the nodes hold right now (open connections per address, bytes of uploads in
     * progress per user): each node keeps its own tally of {@code field}, and the cluster's is the
     * sum over the live nodes, so what a node that crashed held drops out with it. This adds
     * {@code delta} (negative: gives back) to this node's tally without waiting for an answer.
     */
    void add(String tally, String field, long delta);

    /**
     * Adds {@code delta} to this node's tally of {@code field} only if the cluster's sum stays within
     * {@code limit}, atomically; completes with whether it was added. When the nodes cannot be asked,
     * adds only if this node's own tally stays within its share, {@code limit / nodes()}. Never fails.
     */
    CompletableFuture<Boolean> addIfUnder(String tally, String field, long delta, long limit);

    /**
     * Takes one place in each of {@code slots} (slot → most holders at once) for {@code token}, all or
     * none: a check in flight that only one node at a time may run. The places are expected back
     * after {@code expectedMs}, and vanish by themselves {@code longest} after that (a node that
     * crashed mid-check). Completes with 0 when taken, else the milliseconds until a holder is
     * expected to be done (at least 1). When the nodes cannot be asked, completes with 0: the
     * node's own rule is then the whole story. Never fails.
     */
    CompletableFuture<Long> occupy(String token, Map<String, Integer> slots, long expectedMs, Duration longest);

    /** Gives back the places {@code token} took in {@code slots}; no-op for places it does not hold. */
    void vacate(String token, Collection<String> slots);
}

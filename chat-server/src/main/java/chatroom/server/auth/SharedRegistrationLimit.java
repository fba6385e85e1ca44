package chatroom.server.auth;

import chatroom.server.limits.SharedCounters;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The registration limit for the cluster as a whole: {@code perMinute} registrations per address in
 * a fixed window of a minute, counted in the nodes' {@link SharedCounters}. It adds to each node's
 * own {@link RegistrationLimiter} (a token bucket), which alone would allow {@code perMinute} on
 * every node. On a single node it counts nothing. A fixed window may let {@code 2 × perMinute} pass
 * around a window's end; the node's own bucket still smooths what one node accepts.
 */
public final class SharedRegistrationLimit {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final SharedCounters counters;
    private final int perMinute;

    public SharedRegistrationLimit(SharedCounters counters, int perMinute) {
        this.counters = counters;
        this.perMinute = perMinute;
    }

    /** Takes one registration for {@code address} (null: unknown, never limited): 0 when allowed, else ms to wait. */
    public CompletableFuture<Long> tryAcquire(String address) {
        if (address == null) {
            return CompletableFuture.completedFuture(0L);
        }
        // a refusal stays counted: it changes nothing, as the window is full until it ends
        return counters.increment(key(address), WINDOW).thenApply(count ->
                count.value() <= perMinute ? 0L : Math.max(1, count.windowEndsInMs()));
    }

    /** Gives back a registration that was not done (the server answered busy). */
    public void refund(String address) {
        if (address != null) {
            counters.decrement(key(address));
        }
    }

    private static String key(String address) {
        return "register:" + address;
    }
}

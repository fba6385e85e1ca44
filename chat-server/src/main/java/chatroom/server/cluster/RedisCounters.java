package chatroom.server.cluster;

import chatroom.server.limits.SharedCounters;
import chatroom.server.limits.WindowCounters;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's shared counters in Redis: one key per counter ({@code chatroom:limit:…}), counted
 * and given its expiry by one Lua script, so concurrent nodes cannot both see a count below a limit,
 * and a key never outlives its window. One round trip per count.
 *
 * <p>When Redis cannot be reached (a command fails or times out), counting falls back to this node's
 * memory ({@link WindowCounters}), and the count reported is the local count times the number of
 * nodes last seen alive: each of N nodes then allows 1/N of every limit, so the cluster as a whole
 * still allows no more than the limit. The switch is logged once each way. While falling back, every
 * request counts here at once, and one at a time, at most every {@link #PROBE_INTERVAL}, also tries
 * Redis in the background: a Redis that hangs (commands time out rather than fail) delays the
 * requests of one timeout, not every request after it.
 *
 * <p>The tallies of what nodes hold now ({@link RedisTallies}) and the checks in flight
 * ({@link RedisCheckSlots}) share this state: while counting falls back, they do not ask Redis
 * either.
 */
final class RedisCounters implements SharedCounters {

    private static final Logger log = LoggerFactory.getLogger(RedisCounters.class);
    static final String PREFIX = RedisCluster.PREFIX + "limit:";

    /** KEYS[1] the counter, KEYS[2] the live nodes; ARGV[1] the window (ms). Returns {count, ms left, nodes}. */
    private static final String INCREMENT = """
            local n = redis.call('INCR', KEYS[1])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            return {n, ttl, redis.call('ZCARD', KEYS[2])}
            """;
    /** Never creates a key (it would have no expiry), never counts below 1 (the key goes). */
    private static final String DECREMENT = """
            if redis.call('EXISTS', KEYS[1]) == 1 and redis.call('DECR', KEYS[1]) <= 0 then
              redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final StatefulRedisConnection<String, String> redis;
    private final WindowCounters local;
    /** While falling back, how often one request tries Redis again. */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private final AtomicBoolean fallingBack = new AtomicBoolean();
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile long nextProbeNanos;
    private volatile int nodesSeen = 1;
    private final RedisTallies tallies;
    private final RedisCheckSlots checks;

    RedisCounters(StatefulRedisConnection<String, String> redis, String nodeId, LongSupplier clockMs) {
        this.redis = redis;
        this.local = new WindowCounters(clockMs);
        this.tallies = new RedisTallies(redis, nodeId, this);
        this.checks = new RedisCheckSlots(redis, this);
    }

    RedisTallies tallies() {
        return tallies;
    }

    boolean fallingBack() {
        return fallingBack.get();
    }

    /** A command of the tallies or the checks failed: fall back as a failed count does. */
    void unreachable(Throwable error) {
        if (fallingBack.compareAndSet(false, true)) {
            nextProbeNanos = System.nanoTime() + PROBE_INTERVAL.toNanos();
            log.warn("cannot reach Redis for the cluster's limits ({}): until it is back, each node limits on its own"
                    + " and allows 1/{} of each limit", error.toString(), nodesSeen);
        }
    }

    /** The number of live nodes, as the heartbeat last read it: the divisor of the fallback. */
    void nodesSeen(int nodes) {
        nodesSeen = Math.max(1, nodes);
    }

    int nodesSeen() {
        return nodesSeen;
    }

    @Override
    public int nodes() {
        return nodesSeen;
    }

    @Override
    public void add(String tally, String field, long delta) {
        tallies.add(tally, field, delta);
    }

    @Override
    public CompletableFuture<Boolean> addIfUnder(String tally, String field, long delta, long limit) {
        return tallies.addIfUnder(tally, field, delta, limit);
    }

    @Override
    public CompletableFuture<Long> occupy(String token, Map<String, Integer> slots, long expectedMs,
                                          Duration longest) {
        return checks.occupy(token, slots, expectedMs, longest);
    }

    @Override
    public void vacate(String token, Collection<String> slots) {
        checks.vacate(token, slots);
    }

    @Override
    public CompletableFuture<Count> increment(String key, Duration window) {
        if (fallingBack.get()) {
            probeInBackground(key, window);
            return CompletableFuture.completedFuture(locally(key, window, null));
        }
        try {
            return evalIncrement(key, window).exceptionally(error -> locally(key, window, error));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(locally(key, window, e));
        }
    }

    private CompletableFuture<Count> evalIncrement(String key, Duration window) {
        String[] keys = {PREFIX + key, RedisCluster.NODES};
        return redis.async().<List<Object>>eval(INCREMENT, ScriptOutputType.MULTI, keys,
                        String.valueOf(window.toMillis()))
                .toCompletableFuture()
                .thenApply(reply -> {
                    reachable();
                    nodesSeen((int) (long) (Long) reply.get(2));
                    return new Count((Long) reply.get(0), (Long) reply.get(1));
                });
    }

    /**
     * While falling back, counts this one in Redis too, at most one at a time and once per
     * {@link #PROBE_INTERVAL}, without anyone waiting for it: when it succeeds, Redis counts again.
     * (It then counts in both places, which errs on the strict side.)
     */
    private void probeInBackground(String key, Duration window) {
        if (System.nanoTime() - nextProbeNanos < 0 || !probing.compareAndSet(false, true)) {
            return;
        }
        try {
            evalIncrement(key, window).whenComplete((count, error) -> {
                if (error != null) {
                    nextProbeNanos = System.nanoTime() + PROBE_INTERVAL.toNanos();
                }
                probing.set(false);
            });
        } catch (RuntimeException e) {
            nextProbeNanos = System.nanoTime() + PROBE_INTERVAL.toNanos();
            probing.set(false);
        }
    }

    /** Counts here, scaled by the nodes last seen; {@code error}: Redis just failed (null: not tried). */
    private Count locally(String key, Duration window, Throwable error) {
        int nodes = nodesSeen;
        if (error != null) {
            unreachable(error);
        }
        Count count = local.increment(key, window);
        return new Count(count.value() * nodes, count.windowEndsInMs());
    }

    void reachable() {
        if (fallingBack.compareAndSet(true, false)) {
            log.info("limits are counted in Redis again, for the whole cluster");
        }
    }

    @Override
    public void decrement(String key) {
        if (fallingBack.get()) {
            local.decrement(key);
            return;
        }
        try {
            redis.async().eval(DECREMENT, ScriptOutputType.INTEGER, PREFIX + key);
        } catch (RuntimeException e) {
            local.decrement(key);
        }
    }

    @Override
    public void reset(String key) {
        if (fallingBack.get()) {
            local.reset(key);
            return;
        }
        try {
            redis.async().del(PREFIX + key);
        } catch (RuntimeException e) {
            local.reset(key);
        }
    }
}

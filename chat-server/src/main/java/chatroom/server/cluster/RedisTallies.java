package chatroom.server.cluster;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tallies of what each node holds now (connections per address, upload bytes per user), in
 * Redis: a hash per tally and node, {@code chatroom:tally:NAME:NODE}, field → this node's count.
 * The hash expires {@link RedisCluster#NODE_TTL} after the node's last heartbeat, and a limit sums
 * only the nodes in the live set, so what a crashed node held drops out within that time.
 *
 * <p>This node keeps its own tallies in memory too: they are the truth for this node. They decide
 * when Redis cannot (the {@code 1/N} share), and a heartbeat after a failed write puts them back
 * into Redis whole (a write lost during an outage must not leave the count off for good). Writes
 * to Redis are made under the tally's lock, in the order of the changes, on one connection, so
 * Redis sees them in that order too.
 */
final class RedisTallies {

    static final String PREFIX = RedisCluster.PREFIX + "tally:";

    /** ARGV: field, delta, expiry (ms). Counts never stay at 0 or below (the field goes). */
    private static final String ADD = """
            local v = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
            if v <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return v
            """;
    /**
     * KEYS[1] the live nodes; ARGV: tally prefix, this node, field, delta, limit, expiry (ms), the
     * oldest heartbeat still alive (ms). Sums the field over the live nodes (and this one, which may
     * not have beaten yet) and adds only if the sum stays within the limit. Returns {added, nodes}.
     */
    private static final String ADD_IF_UNDER = """
            local live = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[7], '+inf')
            local sum, self = 0, false
            for _, node in ipairs(live) do
              if node == ARGV[2] then self = true end
              sum = sum + (tonumber(redis.call('HGET', ARGV[1] .. node, ARGV[3])) or 0)
            end
            if not self then
              sum = sum + (tonumber(redis.call('HGET', ARGV[1] .. ARGV[2], ARGV[3])) or 0)
            end
            if sum + tonumber(ARGV[4]) > tonumber(ARGV[5]) then return {0, #live} end
            redis.call('HINCRBY', ARGV[1] .. ARGV[2], ARGV[3], ARGV[4])
            redis.call('PEXPIRE', ARGV[1] .. ARGV[2], ARGV[6])
            return {1, #live}
            """;

    private final StatefulRedisConnection<String, String> redis;
    private final String nodeId;
    private final RedisCounters health;
    /** This node's tallies: tally → field → count. */
    private final Map<String, Map<String, Long>> mine = new ConcurrentHashMap<>();
    /** A write failed: the next heartbeat rewrites this node's hashes whole. */
    private volatile boolean resync;
    /**
     * Conditional adds sent and not answered yet, per tally (guarded by the tally's lock): a rewrite
     * waits for them, as its snapshot could not yet hold what Redis may have added.
     */
    private final Map<String, Integer> unanswered = new ConcurrentHashMap<>();

    RedisTallies(StatefulRedisConnection<String, String> redis, String nodeId, RedisCounters health) {
        this.redis = redis;
        this.nodeId = nodeId;
        this.health = health;
    }

    private Map<String, Long> tally(String name) {
        return mine.computeIfAbsent(name, n -> new HashMap<>());
    }

    private String key(String tally) {
        return PREFIX + tally + ":" + nodeId;
    }

    void add(String tally, String field, long delta) {
        Map<String, Long> counts = tally(tally);
        synchronized (counts) {
            counts.merge(field, delta, (a, b) -> a + b <= 0 ? null : a + b);
            if (health.fallingBack()) {
                resync = true;
                return;
            }
            try {
                redis.async().eval(ADD, ScriptOutputType.INTEGER, new String[] {key(tally)}, field,
                        String.valueOf(delta), String.valueOf(RedisCluster.NODE_TTL.toMillis()))
                        .exceptionally(error -> {
                            resync = true;
                            return null;
                        });
            } catch (RuntimeException e) {
                resync = true;
            }
        }
    }

    CompletableFuture<Boolean> addIfUnder(String tally, String field, long delta, long limit) {
        if (health.fallingBack()) {
            return CompletableFuture.completedFuture(addWithinShare(tally, field, delta, limit));
        }
        Map<String, Long> counts = tally(tally);
        CompletableFuture<List<Object>> reply;
        synchronized (counts) {
            try {
                long oldestAlive = System.currentTimeMillis() - RedisCluster.NODE_TTL.toMillis();
                reply = redis.async().<List<Object>>eval(ADD_IF_UNDER, ScriptOutputType.MULTI,
                        new String[] {RedisCluster.NODES}, PREFIX + tally + ":", nodeId, field, String.valueOf(delta),
                        String.valueOf(limit), String.valueOf(RedisCluster.NODE_TTL.toMillis()),
                        String.valueOf(oldestAlive)).toCompletableFuture();
                unanswered.merge(tally, 1, Integer::sum);
            } catch (RuntimeException e) {
                health.unreachable(e);
                return CompletableFuture.completedFuture(addWithinShare(tally, field, delta, limit));
            }
        }
        return reply.handle((answer, error) -> {
            synchronized (counts) {
                unanswered.merge(tally, -1, (a, b) -> a + b <= 0 ? null : a + b);
                if (error == null && (Long) answer.get(0) == 1) {
                    counts.merge(field, delta, (a, b) -> a + b <= 0 ? null : a + b);
                }
            }
            if (error != null) {
                health.unreachable(error);
                return addWithinShare(tally, field, delta, limit);
            }
            health.reachable();
            health.nodesSeen((int) (long) (Long) answer.get(1));
            return (Long) answer.get(0) == 1;
        });
    }

    /** Redis cannot be asked: this node alone may hold its share, {@code limit / nodes}. */
    private boolean addWithinShare(String tally, String field, long delta, long limit) {
        Map<String, Long> counts = tally(tally);
        synchronized (counts) {
            long share = limit / health.nodesSeen();
            if (counts.getOrDefault(field, 0L) + delta > share) {
                return false;
            }
            counts.merge(field, delta, (a, b) -> a + b <= 0 ? null : a + b);
            resync = true;
            return true;
        }
    }

    /**
     * On the heartbeat's thread: renews this node's hashes, or writes them whole when one is gone
     * (Redis restarted, or this node was away longer than their expiry) or a write failed. Waits for
     * Redis without holding a tally's lock: event loops take that lock to count a connection.
     */
    void heartbeat(RedisCommands<String, String> sync) {
        boolean rewrite = resync;
        resync = false;
        for (Map.Entry<String, Map<String, Long>> tally : mine.entrySet()) {
            String key = key(tally.getKey());
            boolean renewed = sync.pexpire(key, RedisCluster.NODE_TTL.toMillis());
            Map<String, Long> counts = tally.getValue();
            CompletableFuture<?> written;
            synchronized (counts) {
                if (!rewrite && (renewed || counts.isEmpty())) {
                    continue;
                }
                if (unanswered.containsKey(tally.getKey())) {
                    resync = true; // next heartbeat
                    continue;
                }
                // sent under the lock, so every change after this snapshot reaches Redis after it
                Map<String, String> all = new HashMap<>();
                counts.forEach((field, count) -> all.put(field, String.valueOf(count)));
                written = redis.async().del(key).toCompletableFuture();
                if (!all.isEmpty()) {
                    redis.async().hset(key, all);
                    written = redis.async().pexpire(key, RedisCluster.NODE_TTL.toMillis()).toCompletableFuture();
                }
            }
            try {
                written.join();
            } catch (RuntimeException e) {
                resync = true;
                throw e;
            }
        }
        health.reachable(); // the heartbeat got through: the tallies and checks ask Redis again
    }
}

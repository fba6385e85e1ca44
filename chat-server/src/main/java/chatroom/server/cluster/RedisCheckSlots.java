package chatroom.server.cluster;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Checks in flight that the whole cluster may run only so many of at once (one password check per
 * account, {@code --login-checks-per-address} per address): a sorted set per slot,
 * {@code chatroom:check:SLOT}, member = a token of one attempt, score = when it is expected to be
 * done (ms). Taking places in several slots is one script, all or none; giving them back is one
 * {@code ZREM} per slot by token, so a holder only ever frees its own place. A place whose holder
 * is overdue by {@code longest} is dropped (its node crashed), and the key expires then too.
 */
final class RedisCheckSlots {

    static final String PREFIX = RedisCluster.PREFIX + "check:";

    /**
     * KEYS the slots; ARGV: token, now (ms), expected done (ms), drop holders done before this (ms),
     * key expiry (ms), then the most holders of each slot. Returns 0 when taken, else ms to wait.
     */
    private static final String OCCUPY = """
            local wait = 0
            for i, key in ipairs(KEYS) do
              redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. ARGV[4])
              if redis.call('ZCARD', key) >= tonumber(ARGV[5 + i]) then
                local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
                wait = math.max(wait, tonumber(first[2]) - tonumber(ARGV[2]), 1)
              end
            end
            if wait > 0 then return wait end
            for _, key in ipairs(KEYS) do
              redis.call('ZADD', key, ARGV[3], ARGV[1])
              if redis.call('PTTL', key) < tonumber(ARGV[5]) then redis.call('PEXPIRE', key, ARGV[5]) end
            end
            return 0
            """;
    /** KEYS the slots; ARGV[1] the token. */
    private static final String VACATE = """
            for _, key in ipairs(KEYS) do redis.call('ZREM', key, ARGV[1]) end
            return 0
            """;

    private final StatefulRedisConnection<String, String> redis;
    private final RedisCounters health;

    RedisCheckSlots(StatefulRedisConnection<String, String> redis, RedisCounters health) {
        this.redis = redis;
        this.health = health;
    }

    CompletableFuture<Long> occupy(String token, Map<String, Integer> slots, long expectedMs, Duration longest) {
        if (health.fallingBack() || slots.isEmpty()) {
            return CompletableFuture.completedFuture(0L);
        }
        long now = System.currentTimeMillis();
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(token, String.valueOf(now), String.valueOf(now + expectedMs),
                String.valueOf(now - longest.toMillis()), String.valueOf(expectedMs + longest.toMillis())));
        slots.forEach((slot, most) -> {
            keys.add(PREFIX + slot);
            args.add(String.valueOf(most));
        });
        try {
            return redis.async().<Long>eval(OCCUPY, ScriptOutputType.INTEGER, keys.toArray(String[]::new),
                            args.toArray(String[]::new))
                    .toCompletableFuture()
                    .handle((wait, error) -> {
                        if (error != null) {
                            health.unreachable(error);
                            return 0L;
                        }
                        health.reachable();
                        return wait;
                    });
        } catch (RuntimeException e) {
            health.unreachable(e);
            return CompletableFuture.completedFuture(0L);
        }
    }

    void vacate(String token, Collection<String> slots) {
        if (slots.isEmpty()) {
            return;
        }
        try {
            // a place not given back (Redis away) drops out when its holder is overdue
            redis.async().eval(VACATE, ScriptOutputType.INTEGER,
                    slots.stream().map(slot -> PREFIX + slot).toArray(String[]::new), token);
        } catch (RuntimeException e) {
            health.unreachable(e);
        }
    }
}

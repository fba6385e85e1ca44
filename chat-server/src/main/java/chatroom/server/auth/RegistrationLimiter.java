package chatroom.server.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Registrations per remote IP address: a token bucket of {@code perMinute} tokens refilled evenly
 * over a minute, shared by every listener (TCP and WebSocket) so an address cannot add a second
 * allowance by switching transport. A registration takes its token when it starts, before the
 * password is hashed. Full buckets are swept when the table grows, so memory stays bounded by the
 * addresses active within a minute. Thread-safe.
 */
public final class RegistrationLimiter {

    private static final long MINUTE_MS = 60_000;
    private static final int SWEEP_ABOVE = 10_000;

    /**
     * Tokens of one address, counted in units of 1/60000 of a token: the bucket then gains exactly
     * {@code perMinute} units a millisecond, with no rounding.
     */
    private static final class Bucket {
        long units;
        long refilledAt;
    }

    private final int perMinute;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new HashMap<>();

    public RegistrationLimiter(int perMinute, LongSupplier clockMs) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be positive: " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = clockMs;
    }

    /**
     * Takes one registration for {@code address} (null: unknown, never limited).
     *
     * @return 0 when allowed, else the milliseconds until the next registration would be
     */
    public synchronized long tryAcquire(String address) {
        if (address == null) {
            return 0;
        }
        long now = clock.getAsLong();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(b -> refill(b, now) >= capacity());
        }
        Bucket bucket = buckets.computeIfAbsent(address, a -> {
            Bucket fresh = new Bucket();
            fresh.units = capacity();
            fresh.refilledAt = now;
            return fresh;
        });
        long units = refill(bucket, now);
        if (units >= MINUTE_MS) {
            bucket.units = units - MINUTE_MS;
            return 0;
        }
        return (MINUTE_MS - units + perMinute - 1) / perMinute;
    }

    /** Gives back a registration that was not done (the server answered busy). */
    public synchronized void refund(String address) {
        Bucket bucket = address == null ? null : buckets.get(address);
        if (bucket != null) {
            bucket.units = Math.min(capacity(), bucket.units + MINUTE_MS);
        }
    }

    private long capacity() {
        return perMinute * MINUTE_MS;
    }

    private long refill(Bucket bucket, long now) {
        long elapsed = Math.max(0, now - bucket.refilledAt);
        bucket.units = Math.min(capacity(), bucket.units + elapsed * perMinute);
        bucket.refilledAt = now;
        return bucket.units;
    }
}

package chatroom.server.auth;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows password guessing without letting strangers lock an owner out (OWASP authentication
 * guidance: throttle, never hard-lock).
 *
 * <ul>
 *   <li>An attempt is counted when it {@linkplain #start starts}, before its password is hashed,
 *       so parallel attempts cannot outrun the count.</li>
 *   <li>Failures are counted per (account, address) and per address. Each key's attempts wait a
 *       delay that doubles with every failure past its threshold, up to a maximum; the delay of an
 *       attempt is the larger of its two keys'. An address that failed often slows itself (and
 *       anyone sharing it, only after its own, higher threshold), never the account elsewhere.</li>
 *   <li>At most one password check is in flight per account, and {@code checksPerAddress} (default
 *       one) per address: a further concurrent attempt is {@linkplain Attempt#refused refused} at
 *       once with a retry time, not queued. This per-account signal only ever defers an attempt
 *       for the length of one check (plus that attempt's own delay); there is no per-account
 *       failure count, so nobody can lock an account.</li>
 *   <li>A success clears its (account, address) count. Token logins never come here.</li>
 * </ul>
 *
 * Counts are forgotten {@code window} after a key's last failure; they are swept when the table
 * grows, so memory is bounded by the attempts of one window. Delays are applied by the caller on a
 * timer, never by sleeping. Thread-safe (one lock; every operation is a few map lookups).
 */
public final class LoginThrottle {

    /** What a password check is assumed to take when telling a concurrent attempt when to retry. */
    static final long CHECK_ESTIMATE_MS = 100;
    /** How long past its expected end a check in flight still holds its slots (a safety net). */
    static final long STALE_AFTER_MS = 60_000;
    /** Entries beyond which expired ones are swept on the next attempt. */
    private static final int SWEEP_ABOVE = 10_000;

    /** The throttle's limits; see {@code ServerConfig} for the defaults. */
    public record Limits(int pairFailuresBeforeDelay, int addressFailuresBeforeDelay, Duration firstDelay,
                         Duration maxDelay, Duration window, int checksPerAddress) {
    }

    /** Failed (or still running) attempts of one key, and when the last one started (ms). */
    private static final class Failures {
        int count;
        long last;
    }

    private final Limits limits;
    private final LongSupplier clock;
    private final Map<String, Failures> failures = new HashMap<>();
    /** Account and address slots with checks in flight. */
    private final Map<String, Slot> inFlight = new HashMap<>();

    /** Checks in flight on one account or address, and when the latest should be done (ms). */
    private static final class Slot {
        int running;
        long doneBy;
    }

    public LoginThrottle(Limits limits, LongSupplier clockMs) {
        this.limits = limits;
        this.clock = clockMs;
    }

    /**
     * Starts a password login of {@code accountKey} from {@code address} (null when unknown) and
     * counts it as a failure until it {@linkplain Attempt#succeeded succeeds}. The caller must end
     * every attempt that is not refused with {@link Attempt#succeeded}, {@link Attempt#failed} or
     * {@link Attempt#abandoned}.
     */
    public synchronized Attempt start(String accountKey, String address) {
        long now = clock.getAsLong();
        String accountSlot = "c:" + accountKey;
        String addressSlot = address == null ? null : "i:" + address;
        long busyUntil = Math.max(busyUntil(accountSlot, 1, now),
                busyUntil(addressSlot, limits.checksPerAddress(), now));
        if (busyUntil > 0) {
            return new Attempt(Math.max(CHECK_ESTIMATE_MS, busyUntil - now));
        }
        if (failures.size() > SWEEP_ABOVE) {
            failures.values().removeIf(f -> now - f.last > limits.window().toMillis());
        }
        String pairKey = "p:" + accountKey + "\n" + (address == null ? "" : address);
        String addressKey = address == null ? null : "a:" + address;
        long delayMs = Math.max(delayMs(count(pairKey, now), limits.pairFailuresBeforeDelay()),
                addressKey == null ? 0 : delayMs(count(addressKey, now), limits.addressFailuresBeforeDelay()));
        countOne(pairKey, now);
        if (addressKey != null) {
            countOne(addressKey, now);
        }
        long doneBy = now + delayMs + CHECK_ESTIMATE_MS;
        occupy(accountSlot, doneBy);
        if (addressSlot != null) {
            occupy(addressSlot, doneBy);
        }
        return new Attempt(pairKey, addressKey, accountSlot, addressSlot, Duration.ofMillis(delayMs));
    }

    /**
     * When a check of {@code slot} should be done if it already runs {@code limit} checks, else 0. A
     * slot whose checks overran by {@link #STALE_AFTER_MS} is freed: a lost attempt must not lock
     * anyone out.
     */
    private long busyUntil(String slot, int limit, long now) {
        Slot busy = slot == null ? null : inFlight.get(slot);
        if (busy == null) {
            return 0;
        }
        if (now - busy.doneBy > STALE_AFTER_MS) {
            inFlight.remove(slot);
            return 0;
        }
        return busy.running >= limit ? busy.doneBy : 0;
    }

    private void occupy(String slot, long doneBy) {
        Slot busy = inFlight.computeIfAbsent(slot, key -> new Slot());
        busy.running++;
        busy.doneBy = Math.max(busy.doneBy, doneBy);
    }

    private void release(String slot) {
        Slot busy = inFlight.get(slot);
        if (busy != null && --busy.running <= 0) {
            inFlight.remove(slot);
        }
    }

    public Limits limits() {
        return limits;
    }

    /**
     * The delay of an attempt whose key already has {@code failuresSoFar} failures, past its
     * {@code threshold}: {@code firstDelay} doubled per failure beyond it, at most {@code maxDelay}.
     */
    public long delayMs(int failuresSoFar, int threshold) {
        if (failuresSoFar < threshold) {
            return 0;
        }
        long delay = limits.firstDelay().toMillis() << Math.min(30, failuresSoFar - threshold);
        return Math.min(delay, limits.maxDelay().toMillis());
    }

    private int count(String key, long now) {
        Failures f = failures.get(key);
        return f == null || now - f.last > limits.window().toMillis() ? 0 : f.count;
    }

    private void countOne(String key, long now) {
        Failures f = failures.get(key);
        if (f == null || now - f.last > limits.window().toMillis()) {
            f = new Failures();
            failures.put(key, f);
        }
        f.count++;
        f.last = now;
    }

    private void uncountOne(String key) {
        Failures f = failures.get(key);
        if (f != null && --f.count <= 0) {
            failures.remove(key);
        }
    }

    /** One password login in progress, or a refusal ({@link #refused}) with its retry time. */
    public final class Attempt {
        private final String pairKey;
        private final String addressKey;
        private final String accountSlot;
        private final String addressSlot;
        private final Duration delay;
        private final long retryAfterMs;
        private boolean ended;

        private Attempt(long retryAfterMs) {
            this(null, null, null, null, Duration.ZERO, retryAfterMs);
            ended = true;
        }

        private Attempt(String pairKey, String addressKey, String accountSlot, String addressSlot, Duration delay) {
            this(pairKey, addressKey, accountSlot, addressSlot, delay, 0);
        }

        private Attempt(String pairKey, String addressKey, String accountSlot, String addressSlot, Duration delay,
                        long retryAfterMs) {
            this.pairKey = pairKey;
            this.addressKey = addressKey;
            this.accountSlot = accountSlot;
            this.addressSlot = addressSlot;
            this.delay = delay;
            this.retryAfterMs = retryAfterMs;
        }

        /** Whether another check of this account or address is in flight: answer rate_limited now. */
        public boolean refused() {
            return retryAfterMs > 0;
        }

        /** For a refused attempt: when a retry may be let through. */
        public long retryAfterMs() {
            return retryAfterMs;
        }

        /** How long to wait before checking the password. */
        public Duration delay() {
            return delay;
        }

        /** The password was right: clears the (account, address) count and takes this attempt off the address. */
        public void succeeded() {
            synchronized (LoginThrottle.this) {
                if (end()) {
                    failures.remove(pairKey);
                    if (addressKey != null) {
                        uncountOne(addressKey);
                    }
                }
            }
        }

        /** The user or the password was wrong: the counts taken at the start stay. */
        public void failed() {
            synchronized (LoginThrottle.this) {
                end();
            }
        }

        /** Nothing was checked (the server was busy or failed): the attempt is not counted. No-op once ended. */
        public void abandoned() {
            synchronized (LoginThrottle.this) {
                if (end()) {
                    uncountOne(pairKey);
                    if (addressKey != null) {
                        uncountOne(addressKey);
                    }
                }
            }
        }

        private boolean end() {
            if (ended) {
                return false;
            }
            ended = true;
            release(accountSlot);
            if (addressSlot != null) {
                release(addressSlot);
            }
            return true;
        }
    }
}

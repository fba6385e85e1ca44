package chatroom.server.auth;

import chatroom.server.limits.SharedCounters;
import chatroom.server.limits.SharedCounters.Count;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The login throttle for a cluster as a whole: this node's {@link LoginThrottle} decides as before
 * (one check in flight per account and address, delays from this node's failures), and the failures
 * per (account, address) and per address are also counted in the nodes' {@link SharedCounters}. An
 * attempt waits the larger of the two delays, computed by the same rule, so guesses spread over the
 * nodes are held back as if they all came to one. On a single node the shared counts are 0 and this
 * is exactly the node's throttle.
 *
 * <p>The shared counts live in fixed windows of the throttle's {@code window}, from a key's first
 * failure (the node's own counts are forgotten a window after the last failure).
 *
 * <p>The one check in flight per account (and {@code checksPerAddress} per address) holds for the
 * cluster too: an attempt that this node lets start also takes a place per account and address in
 * the shared {@linkplain SharedCounters#occupy check slots}, before anything is counted; when
 * another node holds one, it is refused at once with a retry time, as on one node. A place is given
 * back when the attempt ends, and drops out by itself {@link #HASH_ALLOWANCE} after the longest
 * delay past its expected end (a node that crashed mid-check). When Redis cannot be reached, the
 * node's own rule alone applies.
 */
public final class SharedLoginThrottle {

    private static final CompletableFuture<Count> NOTHING = CompletableFuture.completedFuture(new Count(0, 0));
    /** How much longer than expected a password check may take before its place is dropped. */
    static final Duration HASH_ALLOWANCE = Duration.ofSeconds(10);

    private final LoginThrottle local;
    private final SharedCounters counters;

    public SharedLoginThrottle(LoginThrottle local, SharedCounters counters) {
        this.local = local;
        this.counters = counters;
    }

    /**
     * Starts a password login of {@code accountKey} from {@code address} (null when unknown); the
     * caller ends every attempt that is not refused as it would a {@link LoginThrottle.Attempt}.
     */
    public CompletableFuture<Attempt> start(String accountKey, String address) {
        LoginThrottle.Attempt attempt = local.start(accountKey, address);
        if (attempt.refused() || counters == SharedCounters.NONE) {
            return CompletableFuture.completedFuture(new Attempt(attempt, null, null, null, null, attempt.delay()));
        }
        LoginThrottle.Limits limits = local.limits();
        Map<String, Integer> slots = new LinkedHashMap<>();
        slots.put("account:" + accountKey, 1);
        if (address != null) {
            slots.put("address:" + address, limits.checksPerAddress());
        }
        String token = UUID.randomUUID().toString();
        long expectedMs = attempt.delay().toMillis() + LoginThrottle.CHECK_ESTIMATE_MS;
        return counters.occupy(token, slots, expectedMs, limits.maxDelay().plus(HASH_ALLOWANCE))
                .thenCompose(waitMs -> {
                    if (waitMs > 0) {
                        attempt.abandoned(); // refused elsewhere: this node counts nothing either
                        return CompletableFuture.completedFuture(new Attempt(attempt, null, null, null, null,
                                Duration.ZERO, Math.max(LoginThrottle.CHECK_ESTIMATE_MS, waitMs)));
                    }
                    return count(attempt, accountKey, address, token, slots);
                });
    }

    /** Counts a started attempt in the shared failure counts and works out its delay. */
    private CompletableFuture<Attempt> count(LoginThrottle.Attempt attempt, String accountKey, String address,
                                             String token, Map<String, Integer> slots) {
        LoginThrottle.Limits limits = local.limits();
        String pairKey = "login-pair:" + accountKey + "\n" + (address == null ? "" : address);
        String addressKey = address == null ? null : "login-address:" + address;
        CompletableFuture<Count> pair = counters.increment(pairKey, limits.window());
        CompletableFuture<Count> byAddress = addressKey == null ? NOTHING : counters.increment(addressKey, limits.window());
        return pair.thenCombine(byAddress, (pairCount, addressCount) -> {
            long shared = Math.max(delayMs(pairCount, limits.pairFailuresBeforeDelay()),
                    delayMs(addressCount, limits.addressFailuresBeforeDelay()));
            return new Attempt(attempt, pairKey, addressKey, token, slots,
                    Duration.ofMillis(Math.max(shared, attempt.delay().toMillis())));
        });
    }

    /** The delay for a key counted {@code count} times, this attempt included. */
    private long delayMs(Count count, int threshold) {
        long before = count.value() - 1;
        return before < 0 ? 0 : local.delayMs((int) Math.min(Integer.MAX_VALUE, before), threshold);
    }

    /** One password login in progress on this node and in the shared counts, or a refusal. */
    public final class Attempt {
        private final LoginThrottle.Attempt local;
        private final String pairKey;
        private final String addressKey;
        private final String token;
        private final Map<String, Integer> slots;
        private final Duration delay;
        /** Refused by another node's check in flight (0: not refused there). */
        private final long refusedElsewhereMs;
        private final AtomicBoolean ended = new AtomicBoolean();
        private final AtomicBoolean vacated = new AtomicBoolean();

        private Attempt(LoginThrottle.Attempt local, String pairKey, String addressKey, String token,
                        Map<String, Integer> slots, Duration delay) {
            this(local, pairKey, addressKey, token, slots, delay, 0);
        }

        private Attempt(LoginThrottle.Attempt local, String pairKey, String addressKey, String token,
                        Map<String, Integer> slots, Duration delay, long refusedElsewhereMs) {
            this.local = local;
            this.pairKey = pairKey;
            this.addressKey = addressKey;
            this.token = token;
            this.slots = slots;
            this.delay = delay;
            this.refusedElsewhereMs = refusedElsewhereMs;
        }

        /** Whether another check of this account or address is in flight, here or on another node: answer rate_limited now. */
        public boolean refused() {
            return refusedElsewhereMs > 0 || local.refused();
        }

        public long retryAfterMs() {
            return refusedElsewhereMs > 0 ? refusedElsewhereMs : local.retryAfterMs();
        }

        /** Gives back this attempt's places in the cluster's check slots, once. */
        private void vacate() {
            if (token != null && vacated.compareAndSet(false, true)) {
                counters.vacate(token, slots.keySet());
            }
        }

        /** How long to wait before checking the password. */
        public Duration delay() {
            return delay;
        }

        /** The password was right: clears the (account, address) counts. */
        public void succeeded() {
            local.succeeded();
            vacate();
            if (pairKey != null && ended.compareAndSet(false, true)) {
                counters.reset(pairKey);
                if (addressKey != null) {
                    counters.decrement(addressKey);
                }
            }
        }

        /** The user or the password was wrong: the counts stay. */
        public void failed() {
            local.failed();
            vacate();
            ended.set(true);
        }

        /** Nothing was checked: the attempt is not counted. No-op once ended. */
        public void abandoned() {
            local.abandoned();
            vacate();
            if (pairKey != null && ended.compareAndSet(false, true)) {
                counters.decrement(pairKey);
                if (addressKey != null) {
                    counters.decrement(addressKey);
                }
            }
        }
    }
}

package chatroom.server.auth;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows password guessing: failed logins are counted per user name and per remote address within
 * a window. From {@code delayAfter} failures on, answers are delayed (doubling, at most
 * {@link #MAX_DELAY}); from {@code refuseAfter} on, logins are refused outright until the window
 * passes. The delay is applied by the caller with a timer, never by sleeping on an event loop.
 * A successful login clears its user's count. Thread-safe.
 */
public final class LoginThrottle {

    public static final Duration MAX_DELAY = Duration.ofSeconds(5);
    private static final Duration FIRST_DELAY = Duration.ofMillis(250);
    /** Entries beyond which expired ones are swept on the next failure. */
    private static final int SWEEP_ABOVE = 10_000;

    /** Failures of one key since {@code since} (ms). */
    private record Failures(int count, long since) {
    }

    /** What to do with a login attempt now. */
    public record Verdict(boolean refused, Duration delay) {
        static final Verdict GO = new Verdict(false, Duration.ZERO);
    }

    private final int delayAfter;
    private final int refuseAfter;
    private final long windowMs;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int delayAfter, int refuseAfter, Duration window, LongSupplier clockMs) {
        this.delayAfter = delayAfter;
        this.refuseAfter = refuseAfter;
        this.windowMs = window.toMillis();
        this.clock = clockMs;
    }

    /** The verdict for an attempt on {@code userKey} from {@code address} (either may be null). */
    public Verdict check(String userKey, String address) {
        int count = Math.max(count(userKey(userKey)), count(addressKey(address)));
        if (count >= refuseAfter) {
            return new Verdict(true, Duration.ZERO);
        }
        if (count >= delayAfter) {
            long delay = FIRST_DELAY.toMillis() << Math.min(20, count - delayAfter);
            return new Verdict(false, Duration.ofMillis(Math.min(delay, MAX_DELAY.toMillis())));
        }
        return Verdict.GO;
    }

    public void failed(String userKey, String address) {
        long now = clock.getAsLong();
        if (failures.size() > SWEEP_ABOVE) {
            failures.values().removeIf(f -> now - f.since() > windowMs);
        }
        for (String key : new String[] {userKey(userKey), addressKey(address)}) {
            if (key != null) {
                failures.merge(key, new Failures(1, now), (old, one) ->
                        now - old.since() > windowMs ? one : new Failures(old.count() + 1, old.since()));
            }
        }
    }

    public void succeeded(String userKey) {
        String key = userKey(userKey);
        if (key != null) {
            failures.remove(key);
        }
    }

    private int count(String key) {
        if (key == null) {
            return 0;
        }
        Failures f = failures.get(key);
        return f == null || clock.getAsLong() - f.since() > windowMs ? 0 : f.count();
    }

    private static String userKey(String userKey) {
        return userKey == null ? null : "u:" + userKey;
    }

    private static String addressKey(String address) {
        return address == null ? null : "a:" + address;
    }
}

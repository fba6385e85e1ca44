package chatroom.client;

import java.time.Duration;

/**
 * How a lost connection is retried: exponential backoff from {@code initialDelay}, times
 * {@code multiplier} per attempt, capped at {@code maxDelay}, each delay spread by up to
 * {@code jitter} (0.2 = ±20 %) so that many clients do not come back in lockstep.
 */
public record ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier,
                              double jitter) {

    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(true, Duration.ofMillis(250),
            Duration.ofSeconds(30), 2.0, 0.2);
    public static final ReconnectPolicy NEVER = new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO, 1, 0);

    public ReconnectPolicy {
        if (enabled && (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || multiplier < 1
                || jitter < 0 || jitter >= 1)) {
            throw new IllegalArgumentException("invalid reconnect policy");
        }
    }
}

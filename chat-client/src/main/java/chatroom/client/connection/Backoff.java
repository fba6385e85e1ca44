package chatroom.client.connection;

import chatroom.client.ReconnectPolicy;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/** The delay before reconnect attempt {@code n} (1-based) under a {@link ReconnectPolicy}. */
public final class Backoff {

    private final ReconnectPolicy policy;
    private final DoubleSupplier random;

    public Backoff(ReconnectPolicy policy, DoubleSupplier random) {
        this.policy = policy;
        this.random = random;
    }

    public Duration delay(int attempt) {
        double base = policy.initialDelay().toMillis() * Math.pow(policy.multiplier(), Math.max(0, attempt - 1));
        double capped = Math.min(base, policy.maxDelay().toMillis());
        double spread = 1 + policy.jitter() * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.max(0, Math.round(Math.min(capped * spread, policy.maxDelay().toMillis()))));
    }
}

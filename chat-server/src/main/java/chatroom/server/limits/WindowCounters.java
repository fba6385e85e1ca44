package chatroom.server.limits;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Fixed-window counters in this node's memory: the fallback of the cluster's shared counters while
 * Redis cannot be reached. Expired windows are swept when the table grows, so memory is bounded by
 * the keys counted within one window. Thread-safe (one lock, a map lookup per call).
 */
public final class WindowCounters {

    private static final int SWEEP_ABOVE = 10_000;

    private static final class Window {
        long count;
        long endsAt;
    }

    private final LongSupplier clockMs;
    private final Map<String, Window> windows = new HashMap<>();

    public WindowCounters(LongSupplier clockMs) {
        this.clockMs = clockMs;
    }

    /** Counts one more for {@code key}, in a window of {@code window} that starts now unless one runs. */
    public synchronized SharedCounters.Count increment(String key, Duration window) {
        long now = clockMs.getAsLong();
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(w -> w.endsAt <= now);
        }
        Window current = windows.get(key);
        if (current == null || current.endsAt <= now) {
            current = new Window();
            current.endsAt = now + window.toMillis();
            windows.put(key, current);
        }
        current.count++;
        return new SharedCounters.Count(current.count, current.endsAt - now);
    }

    public synchronized void decrement(String key) {
        Window current = windows.get(key);
        if (current != null && --current.count <= 0) {
            windows.remove(key);
        }
    }

    public synchronized void reset(String key) {
        windows.remove(key);
    }
}

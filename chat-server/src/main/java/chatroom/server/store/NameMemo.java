package chatroom.server.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers a pure function of names (a key, a validity), because computing it takes ICU several
 * microseconds and the same few names come back with every message: the sender, the room. Bounded:
 * when full it starts over, so names a stranger makes up cost what they cost without it, and no more
 * memory. Strings longer than any name are never kept. Any thread.
 */
final class NameMemo<V> {

    /** Longer than any valid name (64 code points, each up to two chars); such strings are computed, not kept. */
    private static final int LONGEST_KEPT = 128;

    private final int capacity;
    private final Function<String, V> compute;
    private final Map<String, V> values;

    NameMemo(int capacity, Function<String, V> compute) {
        this.capacity = capacity;
        this.compute = compute;
        this.values = new ConcurrentHashMap<>(Math.min(capacity, 1024));
    }

    V get(String name) {
        V value = values.get(name);
        if (value != null) {
            return value;
        }
        value = compute.apply(name);
        if (name.length() <= LONGEST_KEPT) {
            if (values.size() >= capacity) {
                values.clear();
            }
            values.put(name, value);
        }
        return value;
    }

    int size() {
        return values.size();
    }
}

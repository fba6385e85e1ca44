package chatroom.server.cluster;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which code applies each kind of {@link ClusterEvent} to this node: a table filled once when
 * {@link ClusterEventApplier} is built and only read afterwards. {@code NodeEventsTableTest} checks that
 * every permitted event type has an entry, so a new event cannot be forgotten.
 */
final class EventAppliers {

    private final Map<Class<? extends ClusterEvent>, Consumer<ClusterEvent>> byType = new HashMap<>();

    /** Events of {@code type} are applied by {@code applier}. */
    <E extends ClusterEvent> EventAppliers on(Class<E> type, Consumer<E> applier) {
        if (byType.putIfAbsent(type, event -> applier.accept(type.cast(event))) != null) {
            throw new IllegalStateException("two appliers for " + type.getSimpleName());
        }
        return this;
    }

    /** Events of {@code type} take another path ({@code NodeEvents.remote}): applying one does nothing. */
    <E extends ClusterEvent> EventAppliers routedElsewhere(Class<E> type) {
        return on(type, event -> { });
    }

    Set<Class<? extends ClusterEvent>> types() {
        return Collections.unmodifiableSet(byType.keySet());
    }

    /** Applies the event; false when no applier knows its type. */
    boolean apply(ClusterEvent event) {
        Consumer<ClusterEvent> applier = byType.get(event.getClass());
        if (applier == null) {
            return false;
        }
        applier.accept(event);
        return true;
    }
}

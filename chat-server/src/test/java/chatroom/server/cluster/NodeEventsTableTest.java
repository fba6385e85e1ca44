package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.metrics.ServerMetrics;
import chatroom.server.room.BroadcasterFixture;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.JdbcChatStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster event type added without an applier would be logged and dropped on every node. */
class NodeEventsTableTest {

    @TempDir
    Path dataDir;

    private JdbcChatStore store;
    private NodeEvents events;
    private final ServerMetrics metrics = new ServerMetrics();

    @BeforeEach
    void setUp() {
        store = JdbcChatStore.openSqlite(dataDir, 16);
        RoomRegistry rooms = RoomRegistry.from(store.load());
        SessionRegistry sessions = new SessionRegistry();
        events = new NodeEvents(rooms, sessions,
                BroadcasterFixture.broadcaster(rooms, sessions, metrics, store, Duration.ofMillis(200)), store,
                new SingleNode());
    }

    @AfterEach
    void tearDown() {
        events.close();
        store.close();
        metrics.close();
    }

    @Test
    void everyClusterEventType_hasAnApplier() {
        List<Class<?>> kinds = List.of(ClusterEvent.class.getPermittedSubclasses());
        assertThat(kinds).as("ClusterEvent is sealed").isNotEmpty();
        assertThat(Set.<Class<?>>copyOf(events.appliedTypes())).containsExactlyInAnyOrderElementsOf(kinds);
    }
}

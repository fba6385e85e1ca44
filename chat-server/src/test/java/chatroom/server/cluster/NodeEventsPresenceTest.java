package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.metrics.ServerMetrics;
import chatroom.server.room.Broadcaster;
import chatroom.server.room.BroadcasterFixture;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.ChatStore;
import chatroom.server.store.JdbcChatStore;
import io.netty.channel.embedded.EmbeddedChannel;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Presence across nodes: online and offline events of other nodes, and the periodic re-read of
 * who is online on them, which must not undo an event that is newer than the read.
 */
class NodeEventsPresenceTest {

    @TempDir
    Path dataDir;

    private JdbcChatStore store;
    private Broadcaster broadcaster;
    private NodeEvents events;
    private EmbeddedChannel bobChannel;
    private final ServerMetrics metrics = new ServerMetrics();

    @BeforeEach
    void setUp() {
        store = JdbcChatStore.openSqlite(dataDir, 16);
        RoomRegistry rooms = RoomRegistry.from(store.load());
        rooms.addMember(rooms.find(ChatStore.LOBBY), "alice");
        rooms.addMember(rooms.find(ChatStore.LOBBY), "bob");
        SessionRegistry sessions = new SessionRegistry();
        bobChannel = BroadcasterFixture.loggedIn(sessions, "bob");
        broadcaster = BroadcasterFixture.broadcaster(rooms, sessions, metrics, store, Duration.ofMillis(200));
        events = new NodeEvents(rooms, sessions, broadcaster, store, new SingleNode());
    }

    @AfterEach
    void tearDown() {
        events.close();
        bobChannel.finishAndReleaseAll();
        store.close();
        metrics.close();
    }

    /** The presence events bob's session got so far: "user event". */
    private List<String> presenceSeenByBob() {
        List<String> seen = new ArrayList<>();
        for (JsonNode event : BroadcasterFixture.written(bobChannel)) {
            assertThat(event.path("type").asText()).isEqualTo("presence");
            seen.add(event.path("user").asText() + " " + event.path("event").asText());
        }
        return seen;
    }

    @Test
    void onlineAndOfflineEventsOfAnotherNode_reachTheMembersHere() {
        events.remote(new ClusterEvent.UserOnline("alice", "node-x"));
        assertThat(events.isOnline("alice")).isTrue();
        assertThat(events.onlineUsers()).containsExactlyInAnyOrder("alice", "bob");
        events.remote(new ClusterEvent.UserOffline("alice", "node-x"));
        assertThat(events.isOnline("alice")).isFalse();
        assertThat(presenceSeenByBob()).containsExactly("alice online", "alice offline");
    }

    @Test
    void aReadOlderThanAnOnlineEvent_doesNotTakeTheUserOfflineAgain() {
        long readStarted = System.nanoTime();
        events.remote(new ClusterEvent.UserOnline("alice", "node-x")); // after the read began
        events.remoteUsers(Map.of("node-x", Map.of()), readStarted);
        assertThat(events.isOnline("alice")).isTrue();
        assertThat(presenceSeenByBob()).containsExactly("alice online");
    }

    @Test
    void aNodeThatStoppedWithoutAWord_itsUsersGoOfflineAtTheNextRead() {
        events.remote(new ClusterEvent.UserOnline("alice", "node-x"));
        events.remoteUsers(Map.of(), System.nanoTime()); // node-x no longer renews its entry
        assertThat(events.isOnline("alice")).isFalse();
        assertThat(presenceSeenByBob()).containsExactly("alice online", "alice offline");
    }

    @Test
    void aUserFoundByTheReadAlone_comesOnline() {
        events.remoteUsers(Map.of("node-y", Map.of("alice", "alice")), System.nanoTime());
        assertThat(events.isOnline("alice")).isTrue();
        assertThat(presenceSeenByBob()).containsExactly("alice online");
    }
}

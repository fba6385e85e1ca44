package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.CodecLimits;
import chatroom.codec.JsonCodec;
import chatroom.codec.MessageTypes;
import chatroom.server.metrics.ServerMetrics;
import chatroom.server.room.Broadcaster;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.ChatStore;
import chatroom.server.store.JdbcChatStore;
import io.netty.channel.embedded.EmbeddedChannel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
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

    private static final ObjectMapper JSON = new ObjectMapper();

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
        bobChannel = new EmbeddedChannel();
        Session bob = new Session(bobChannel, 1 << 20);
        bob.authenticated("bob", "bob", false, "token");
        sessions.add(bob);
        broadcaster = new Broadcaster(rooms, sessions, new JsonCodec(CodecLimits.ofMaxFrame(65536),
                MessageTypes.CLIENT_TO_SERVER), io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, metrics, store,
                Duration.ofMillis(200));
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
    private List<String> presenceSeenByBob() throws Exception {
        bobChannel.runPendingTasks();
        List<String> seen = new ArrayList<>();
        for (Object out; (out = bobChannel.readOutbound()) != null; ) {
            ByteBuf body = (ByteBuf) out; // room events are encoded once for all members
            try {
                JsonNode event = JSON.readTree(new ByteBufInputStream(body));
                assertThat(event.path("type").asText()).isEqualTo("presence");
                seen.add(event.path("user").asText() + " " + event.path("event").asText());
            } finally {
                body.release();
            }
        }
        return seen;
    }

    @Test
    void onlineAndOfflineEventsOfAnotherNode_reachTheMembersHere() throws Exception {
        events.remote(new ClusterEvent.UserOnline("alice", "node-x"));
        assertThat(events.isOnline("alice")).isTrue();
        assertThat(events.onlineUsers()).containsExactlyInAnyOrder("alice", "bob");
        events.remote(new ClusterEvent.UserOffline("alice", "node-x"));
        assertThat(events.isOnline("alice")).isFalse();
        assertThat(presenceSeenByBob()).containsExactly("alice online", "alice offline");
    }

    @Test
    void aReadOlderThanAnOnlineEvent_doesNotTakeTheUserOfflineAgain() throws Exception {
        long readStarted = System.nanoTime();
        events.remote(new ClusterEvent.UserOnline("alice", "node-x")); // after the read began
        events.remoteUsers(Map.of("node-x", Map.of()), readStarted);
        assertThat(events.isOnline("alice")).isTrue();
        assertThat(presenceSeenByBob()).containsExactly("alice online");
    }

    @Test
    void aNodeThatStoppedWithoutAWord_itsUsersGoOfflineAtTheNextRead() throws Exception {
        events.remote(new ClusterEvent.UserOnline("alice", "node-x"));
        events.remoteUsers(Map.of(), System.nanoTime()); // node-x no longer renews its entry
        assertThat(events.isOnline("alice")).isFalse();
        assertThat(presenceSeenByBob()).containsExactly("alice online", "alice offline");
    }

    @Test
    void aUserFoundByTheReadAlone_comesOnline() throws Exception {
        events.remoteUsers(Map.of("node-y", Map.of("alice", "alice")), System.nanoTime());
        assertThat(events.isOnline("alice")).isTrue();
        assertThat(presenceSeenByBob()).containsExactly("alice online");
    }
}

package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.metrics.ServerMetrics;
import chatroom.server.room.Broadcaster;
import chatroom.server.room.BroadcasterFixture;
import chatroom.server.room.Room;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.ChatStore;
import chatroom.server.store.Conversation;
import chatroom.server.store.JdbcChatStore;
import chatroom.server.store.NewMessage;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When another node says it is back in the cluster's messaging ({@code node_rejoined}), this node
 * may have missed what it published: it brings rooms and members in line with the store and
 * delivers the messages it has not delivered, even though its own connection never dropped.
 */
class NodeEventsCatchUpTest {

    @TempDir
    Path dataDir;

    private JdbcChatStore store;
    private RoomRegistry rooms;
    private Broadcaster broadcaster;
    private NodeEvents events;
    private EmbeddedChannel bobChannel;
    private final ServerMetrics metrics = new ServerMetrics();

    @BeforeEach
    void setUp() throws Exception {
        store = JdbcChatStore.openSqlite(dataDir, 16);
        store.load(); // creates the lobby
        store.createUser("bob", "h", 1).get();
        rooms = RoomRegistry.from(store.load());
        SessionRegistry sessions = new SessionRegistry();
        bobChannel = BroadcasterFixture.loggedIn(sessions, "bob");
        broadcaster = BroadcasterFixture.broadcaster(rooms, sessions, metrics, store, Duration.ofMillis(50));
        events = new NodeEvents(rooms, sessions, broadcaster, store, new SingleNode());
    }

    @AfterEach
    void tearDown() {
        if (events != null) {
            events.close();
        }
        bobChannel.finishAndReleaseAll();
        store.close();
        metrics.close();
    }

    @Test
    void anotherNodeRejoining_bringsMissedRoomsMembersAndMessagesFromTheStore() throws Exception {
        // what another node stored while its events could not reach this one
        store.createRoom("missed", "bob", false, 2).get();
        Conversation lobby = Conversation.room(ChatStore.LOBBY);
        for (int i = 1; i <= 3; i++) {
            store.append(new NewMessage(lobby, i, "bob", null, "while away " + i, null)).get();
        }
        assertThat(rooms.find("missed")).isNull();

        events.remote(new ClusterEvent.NodeRejoined("node-x"));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int delivered = 0;
        while (delivered < 3 && System.nanoTime() < deadline) {
            synchronized (broadcaster) { // a fill completes under this lock; its drain task is queued by then
                delivered += BroadcasterFixture.written(bobChannel).size();
            }
        }
        assertThat(delivered).as("the lobby messages bob missed").isEqualTo(3);
        Room missed = rooms.find("missed");
        assertThat(missed).isNotNull();
        assertThat(missed.isMember("bob")).isTrue();
        assertThat(rooms.roomsOf("bob")).extracting(Room::name).contains("missed", ChatStore.LOBBY);
    }
}

package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.metrics.ServerMetrics;
import chatroom.server.room.Broadcaster;
import chatroom.server.room.BroadcasterFixture;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.ChatStore;
import chatroom.server.store.JdbcChatStore;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events about an account from another node: its live sessions here follow its admin rights and renames. */
class NodeEventsAccountTest {

    @TempDir
    Path dataDir;

    private JdbcChatStore store;
    private NodeEvents events;
    private EmbeddedChannel bobChannel;
    private Session bob;
    private final ServerMetrics metrics = new ServerMetrics();

    @BeforeEach
    void setUp() {
        store = JdbcChatStore.openSqlite(dataDir, 16);
        RoomRegistry rooms = RoomRegistry.from(store.load());
        rooms.addMember(rooms.find(ChatStore.LOBBY), "bob");
        SessionRegistry sessions = new SessionRegistry();
        bobChannel = BroadcasterFixture.loggedIn(sessions, "bob");
        bob = sessions.sessionsOf("bob").iterator().next();
        bob.authenticated("bob", "bob", 42, false, "token-bob");
        Broadcaster broadcaster = BroadcasterFixture.broadcaster(rooms, sessions, metrics, store, Duration.ofMillis(200));
        events = new NodeEvents(rooms, sessions, broadcaster, store, new SingleNode());
    }

    @AfterEach
    void tearDown() {
        events.close();
        bobChannel.finishAndReleaseAll();
        store.close();
        metrics.close();
    }

    @Test
    void adminChangedOnAnotherNode_grantsAndRevokesAtOnce_onTheAccountsSessionsHere() {
        events.remote(new ClusterEvent.AdminChanged("BOB", true));
        assertThat(bob.isAdmin()).isTrue();
        events.remote(new ClusterEvent.AdminChanged("bob", false));
        assertThat(bob.isAdmin()).isFalse();
    }

    @Test
    void aRenamedSession_keepsItsAccountAndAdminRights() {
        events.remote(new ClusterEvent.AdminChanged("bob", true));
        events.remote(new ClusterEvent.UserRenamed("bob", "小波"));
        assertThat(bob.user()).isEqualTo("小波");
        assertThat(bob.accountId()).isEqualTo(42);
        assertThat(bob.isAdmin()).isTrue();
        assertThat(bob.tokenHash()).isEqualTo("token-bob");
    }
}

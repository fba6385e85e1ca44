package chatroom.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.message.Presence;
import chatroom.server.metrics.ServerMetrics;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.ChatStore;
import chatroom.server.store.Conversation;
import chatroom.server.store.JdbcChatStore;
import chatroom.server.store.StoredMessage;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who receives a room's messages and events: every session of every online member, and nobody else, whether
 * the room has more members than there are users online (a big room after a restart) or fewer (a small room on
 * a busy server). The broadcaster walks the smaller of the two sets; both walks are checked here.
 */
class BroadcasterRecipientsTest {

    private static final Conversation LOBBY = Conversation.room(ChatStore.LOBBY);

    @TempDir
    Path dataDir;

    private JdbcChatStore store;
    private RoomRegistry rooms;
    private SessionRegistry sessions;
    private Broadcaster broadcaster;
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final ServerMetrics metrics = new ServerMetrics();

    @BeforeEach
    void setUp() {
        store = JdbcChatStore.openSqlite(dataDir, 64);
        rooms = RoomRegistry.from(store.load());
        sessions = new SessionRegistry();
        broadcaster = BroadcasterFixture.broadcaster(rooms, sessions, metrics, store, Duration.ofMillis(50));
    }

    @AfterEach
    void tearDown() {
        broadcaster.close();
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        store.close();
        metrics.close();
    }

    private EmbeddedChannel online(String user) {
        return (EmbeddedChannel) onlineSession(user).channel();
    }

    private Session onlineSession(String user) {
        Session session = BroadcasterFixture.loggedInSession(sessions, user);
        channels.add((EmbeddedChannel) session.channel());
        return session;
    }

    private void members(String... users) {
        for (String user : users) {
            rooms.addMember(rooms.find(ChatStore.LOBBY), user);
        }
    }

    private void sendBoth() {
        Room lobby = rooms.find(ChatStore.LOBBY);
        broadcaster.toRoom(lobby, new Presence(ChatStore.LOBBY, "writer", "online"), "writer");
        broadcaster.remote(List.of(new StoredMessage(LOBBY, 1, 1, "writer", null, "你好", null)));
    }

    private static List<String> types(EmbeddedChannel channel) {
        return BroadcasterFixture.written(channel).stream().map(e -> e.path("type").asText()).toList();
    }

    @Test
    void aRoomWithMoreMembersThanUsersOnline_reachesItsOnlineMembersOnly() {
        members("reader", "writer", "away1", "away2", "away3", "away4");
        EmbeddedChannel reader = online("reader");
        EmbeddedChannel outsider = online("outsider");
        EmbeddedChannel writer = online("writer");

        sendBoth();

        assertThat(types(reader)).containsExactly("presence", "message");
        assertThat(types(writer)).containsExactly("message");
        assertThat(types(outsider)).isEmpty();
    }

    @Test
    void roomEventsThatMeetInASessionsQueue_leaveTogetherWithOneFlush() {
        members("reader", "a", "b");
        EmbeddedChannel reader = online("reader");
        AtomicInteger flushes = BroadcasterFixture.countFlushes(reader);
        Room lobby = rooms.find(ChatStore.LOBBY);

        broadcaster.toRoom(lobby, new Presence(ChatStore.LOBBY, "a", "online"), "a");
        broadcaster.toRoom(lobby, new Presence(ChatStore.LOBBY, "b", "online"), "b");

        assertThat(BroadcasterFixture.written(reader)).extracting(e -> e.path("user").asText()).containsExactly("a", "b");
        assertThat(flushes).as("one drain for both, not one system call per event").hasValue(1);
    }

    @Test
    void aRoomWithFewerMembersThanUsersOnline_reachesItsOnlineMembersOnly() {
        members("reader", "writer", "away1");
        EmbeddedChannel reader = online("reader");
        EmbeddedChannel writer = online("writer");
        List<EmbeddedChannel> outsiders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outsiders.add(online("outsider" + i));
        }

        sendBoth();

        assertThat(types(reader)).containsExactly("presence", "message");
        assertThat(types(writer)).containsExactly("message");
        for (EmbeddedChannel outsider : outsiders) {
            assertThat(types(outsider)).isEmpty();
        }
    }

    @Test
    void aSessionWhoseConnectionClosedBeforeItLeftTheRegistry_isGivenNothing() {
        members("reader", "closing", "writer");
        EmbeddedChannel reader = online("reader");
        Session closingSession = onlineSession("closing");
        EmbeddedChannel closing = (EmbeddedChannel) closingSession.channel();
        closing.close(); // the peer's close is seen before the session is unregistered: a close storm

        sendBoth();

        assertThat(closingSession.queuedBytes()).as("nothing queued only to be thrown away").isZero();
        assertThat(types(reader)).containsExactly("presence", "message");
        assertThat(types(closing)).isEmpty();
    }

    private void message(long seq) {
        broadcaster.remote(List.of(new StoredMessage(LOBBY, seq, seq, "writer", null, "第" + seq + "条", null)));
    }

    private static List<Long> seqs(EmbeddedChannel channel) {
        return BroadcasterFixture.written(channel).stream().map(e -> e.path("seq").asLong()).toList();
    }

    @Test
    void aSessionThatLogsInAfterARoomsFanOut_getsTheRoomsNextMessage() {
        members("reader", "late", "writer");
        EmbeddedChannel reader = online("reader");
        message(1); // the room's sessions are walked and kept

        EmbeddedChannel late = online("late");
        message(2);

        assertThat(seqs(reader)).containsExactly(1L, 2L);
        assertThat(seqs(late)).as("kept sessions are walked again after a login").containsExactly(2L);
    }

    @Test
    void membersWhoJoinOrLeaveAfterARoomsFanOut_areCountedFromTheNextMessage() {
        members("leaver", "writer");
        EmbeddedChannel leaver = online("leaver");
        EmbeddedChannel joiner = online("joiner");
        message(1);

        Room lobby = rooms.find(ChatStore.LOBBY);
        lobby.removeMember("leaver");
        lobby.addMember("joiner", "joiner");
        message(2);

        assertThat(seqs(leaver)).containsExactly(1L);
        assertThat(seqs(joiner)).containsExactly(2L);
    }

    @Test
    void aSessionThatClosesAfterARoomsFanOut_isGivenNothingMore() {
        members("reader", "closing", "writer");
        EmbeddedChannel reader = online("reader");
        Session closingSession = onlineSession("closing");
        EmbeddedChannel closing = (EmbeddedChannel) closingSession.channel();
        message(1);
        assertThat(seqs(closing)).containsExactly(1L);

        closing.close(); // still registered: the kept sessions are not walked again
        message(2);

        assertThat(closingSession.queuedBytes()).isZero();
        assertThat(seqs(reader)).containsExactly(1L, 2L);
    }
}

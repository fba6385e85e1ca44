package chatroom.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.metrics.ServerMetrics;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.ChatStore;
import chatroom.server.store.Conversation;
import chatroom.server.store.JdbcChatStore;
import chatroom.server.store.StoredMessage;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fan-out linger: an event loop drains commits' fan-out at most once per linger. The first
 * commit after a quiet spell leaves at once, the ones within the linger leave together when it is
 * over, and a reply queued meanwhile is never held back. The loop's clock is frozen and moved by hand.
 */
class FanOutLingerTest {

    private static final Conversation LOBBY = Conversation.room(ChatStore.LOBBY);
    private static final Duration LINGER = Duration.ofMillis(10);

    @TempDir
    Path dataDir;

    private JdbcChatStore store;
    private Broadcaster broadcaster;
    private Session reader;
    private EmbeddedChannel channel;
    private AtomicInteger flushes;
    private final ServerMetrics metrics = new ServerMetrics();

    @BeforeEach
    void setUp() {
        store = JdbcChatStore.openSqlite(dataDir, 64);
        RoomRegistry rooms = RoomRegistry.from(store.load());
        SessionRegistry sessions = new SessionRegistry();
        broadcaster = BroadcasterFixture.broadcaster(rooms, sessions, metrics, store, Duration.ofMillis(50),
                new FanOutPacing(LINGER, 0, 0));
        rooms.addMember(rooms.find(ChatStore.LOBBY), "reader");
        reader = BroadcasterFixture.loggedInSession(sessions, "reader");
        channel = (EmbeddedChannel) reader.channel();
        flushes = BroadcasterFixture.countFlushes(channel);
        channel.freezeTime();
    }

    @AfterEach
    void tearDown() {
        broadcaster.close();
        channel.finishAndReleaseAll();
        store.close();
        metrics.close();
    }

    private void commit(long seq) {
        broadcaster.remote(List.of(new StoredMessage(LOBBY, seq, seq, "writer", null, "消息 " + seq, null)));
    }

    private List<JsonNode> written() {
        return BroadcasterFixture.written(channel);
    }

    @Test
    void theFirstCommitAfterAQuietSpell_leavesAtOnce() {
        commit(1);

        assertThat(written()).extracting(e -> e.path("seq").asLong()).containsExactly(1L);
    }

    @Test
    void commitsWithinTheLinger_leaveTogetherWhenItIsOver_inOneFlush() {
        commit(1);
        written();
        flushes.set(0);

        commit(2);
        commit(3);
        channel.advanceTimeBy(LINGER.toMillis() - 1, TimeUnit.MILLISECONDS);
        assertThat(written()).as("still within the linger").isEmpty();

        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        assertThat(written()).extracting(e -> e.path("seq").asLong()).containsExactly(2L, 3L);
        assertThat(flushes).as("one write for both commits").hasValue(1);
    }

    @Test
    void aReplyQueuedWithinTheLinger_leavesAtOnce_afterTheMessagesBeforeIt() {
        commit(1);
        written();

        commit(2);
        reader.send(Unpooled.copiedBuffer("{\"type\":\"ok\",\"seq\":3}", StandardCharsets.UTF_8));

        assertThat(written()).extracting(e -> e.path("type").asText() + e.path("seq").asLong())
                .containsExactly("message2", "ok3");
    }

    @Test
    void afterALingerWithNothingToSend_theNextCommitLeavesAtOnce() {
        commit(1);
        written();

        channel.advanceTimeBy(LINGER.toMillis(), TimeUnit.MILLISECONDS);
        commit(2);

        assertThat(written()).extracting(e -> e.path("seq").asLong()).containsExactly(2L);
    }
}

package chatroom.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.metrics.ServerMetrics;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.ChatStore;
import chatroom.server.store.Conversation;
import chatroom.server.store.JdbcChatStore;
import chatroom.server.store.NewMessage;
import chatroom.server.store.StoredMessage;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery in seq order when messages arrive out of order (as from several nodes): held back
 * behind a gap, released when the gap closes, the gap filled from the store when it stays open,
 * duplicates dropped. A real store; a session on an {@link EmbeddedChannel}.
 */
class BroadcasterOrderTest {

    private static final Conversation LOBBY = Conversation.room(ChatStore.LOBBY);

    @TempDir
    Path dataDir;

    private JdbcChatStore store;
    private RoomRegistry rooms;
    private Broadcaster broadcaster;
    private EmbeddedChannel channel;
    private final ServerMetrics metrics = new ServerMetrics();

    @BeforeEach
    void setUp() {
        store = JdbcChatStore.openSqlite(dataDir, 64);
        rooms = RoomRegistry.from(store.load());
        rooms.addMember(rooms.find(ChatStore.LOBBY), "reader");
        SessionRegistry sessions = new SessionRegistry();
        channel = BroadcasterFixture.loggedIn(sessions, "reader");
        // the store's commits do not reach this broadcaster: it hears only what the test hands it
        broadcaster = BroadcasterFixture.broadcaster(rooms, sessions, metrics, store, Duration.ofMillis(50));
    }

    @AfterEach
    void tearDown() {
        broadcaster.close();
        channel.finishAndReleaseAll();
        store.close();
        metrics.close();
    }

    private static StoredMessage message(long seq) {
        return new StoredMessage(LOBBY, seq, seq, "writer", null, "m" + seq, null);
    }

    /** Seqs of the messages the session wrote so far. */
    private List<Long> delivered() {
        List<Long> seqs = new ArrayList<>();
        for (JsonNode event : BroadcasterFixture.written(channel)) {
            seqs.add(event.path("seq").asLong());
        }
        return seqs;
    }

    @Test
    void skipTo_countsOlderMessagesDelivered_andReleasesWhatWasHeldBehindThem() {
        broadcaster.remote(List.of(message(1)));
        broadcaster.remote(List.of(message(4))); // 2 and 3 missing: held
        assertThat(delivered()).containsExactly(1L);
        // a node that did not subscribe to the room: nobody here waits for 2 and 3
        broadcaster.skipTo(rooms.find(ChatStore.LOBBY), 3);
        assertThat(delivered()).containsExactly(4L);
        assertThat(broadcaster.heldBack()).isZero();
        broadcaster.remote(List.of(message(2), message(5)));
        assertThat(delivered()).containsExactly(5L);
    }

    @Test
    void aMessageAheadOfAGap_waits_andFollowsTheMissingOne() throws Exception {
        broadcaster.remote(List.of(message(1)));
        broadcaster.remote(List.of(message(3)));
        assertThat(delivered()).containsExactly(1L);
        assertThat(broadcaster.heldBack()).isEqualTo(1);
        broadcaster.remote(List.of(message(2)));
        assertThat(delivered()).containsExactly(2L, 3L);
        assertThat(broadcaster.heldBack()).isZero();
    }

    @Test
    void duplicates_areDropped() throws Exception {
        broadcaster.remote(List.of(message(1), message(2)));
        broadcaster.remote(List.of(message(2), message(1), message(3)));
        assertThat(delivered()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aGapThatStaysOpen_isFilledFromTheStore() throws Exception {
        for (int i = 1; i <= 3; i++) {
            store.append(new NewMessage(LOBBY, i, "writer", null, "stored " + i, null)).get();
        }
        broadcaster.remote(List.of(message(4))); // 1 to 3 never arrive live: read after the hold-back
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (broadcaster.heldBack() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(broadcaster.heldBack()).as("the gap was filled").isZero();
        assertThat(delivered()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(metrics.scrape()).contains("chat_cluster_held_total 1.0", "chat_cluster_gap_filled_total 3.0");
    }

    @Test
    void catchUp_deliversWhatTheStoreHasBeyondTheLastDelivered() throws Exception {
        broadcaster.remote(List.of(message(1)));
        for (int i = 1; i <= 3; i++) {
            store.append(new NewMessage(LOBBY, i, "writer", null, "stored " + i, null)).get();
        }
        assertThat(delivered()).containsExactly(1L);
        broadcaster.catchUp(rooms.find(ChatStore.LOBBY), 3);
        List<Long> seqs = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (seqs.size() < 2 && System.nanoTime() < deadline) {
            synchronized (broadcaster) { // the fill completes under this lock; its drain task is queued by then
                seqs.addAll(delivered());
            }
        }
        assertThat(seqs).containsExactly(2L, 3L);
    }
}

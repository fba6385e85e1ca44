package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.message.ChatMessage;
import chatroom.server.metrics.ServerMetrics;
import chatroom.server.room.Broadcaster;
import chatroom.server.room.BroadcasterFixture;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.ChatStore;
import chatroom.server.store.Conversation;
import chatroom.server.store.JdbcChatStore;
import chatroom.server.store.NewMessage;
import chatroom.server.store.StoredMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
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
 * An invitation reaches a node after messages it covers were fanned out there (through Redis, the
 * event comes later than the room's messages): the new member's sessions still get every message
 * stored after the invitation's seq, before the live ones that follow, each once. A real store and
 * broadcaster; the invited user's session on an {@link EmbeddedChannel}.
 */
class NodeEventsInvitationTest {

    private static final Conversation LOBBY = Conversation.room(ChatStore.LOBBY);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private JdbcChatStore store;
    private Broadcaster broadcaster;
    private NodeEvents events;
    private EmbeddedChannel bob;
    private final ServerMetrics metrics = new ServerMetrics();

    @BeforeEach
    void setUp() {
        store = JdbcChatStore.openSqlite(dataDir, 16);
        var rooms = chatroom.server.room.RoomRegistry.from(store.load());
        SessionRegistry sessions = new SessionRegistry();
        bob = BroadcasterFixture.loggedIn(sessions, "bob");
        broadcaster = BroadcasterFixture.broadcaster(rooms, sessions, metrics, store, Duration.ofMillis(50));
        events = new NodeEvents(rooms, sessions, broadcaster, store, new SingleNode());
    }

    @AfterEach
    void tearDown() {
        events.close();
        bob.finishAndReleaseAll();
        store.close();
        metrics.close();
    }

    @Test
    void messagesStoredAfterTheInvitationsSeq_butFannedOutBeforeItArrived_reachTheNewMember_inOrder()
            throws Exception {
        List<StoredMessage> stored = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            store.append(new NewMessage(LOBBY, i, "alice", null, "消息 " + i, null)).get();
            stored.add(new StoredMessage(LOBBY, i, i, "alice", null, "消息 " + i, null));
        }
        broadcaster.remote(stored); // fanned out here while bob is not a member yet: to nobody
        assertThat(messageSeqs(Duration.ZERO)).isEmpty();

        // invited when the latest seq was 1: 2 and 3 were stored after the invitation
        events.publish(new ClusterEvent.MemberAdded(ChatStore.LOBBY, "bob", true, true, 1L)).get();
        store.append(new NewMessage(LOBBY, 4, "alice", null, "消息 4", null)).get();
        broadcaster.remote(List.of(new StoredMessage(LOBBY, 4, 4, "alice", null, "消息 4", null)));

        assertThat(messageSeqs(Duration.ofSeconds(10))).containsExactly(2L, 3L, 4L);
    }

    /** The seqs of the {@code message} events bob's session wrote, waiting up to {@code wait} for three. */
    private List<Long> messageSeqs(Duration wait) throws Exception {
        List<Long> seqs = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            bob.runPendingTasks();
            for (Object out; (out = bob.readOutbound()) != null; ) {
                if (out instanceof ChatMessage replayed) {
                    seqs.add(replayed.seq());
                } else if (out instanceof ByteBuf body) {
                    try {
                        JsonNode event = JSON.readTree(new ByteBufInputStream(body));
                        if ("message".equals(event.path("type").asText())) {
                            seqs.add(event.path("seq").asLong());
                        }
                    } finally {
                        body.release();
                    }
                }
            }
        } while (seqs.size() < 3 && System.nanoTime() < deadline);
        return seqs;
    }
}

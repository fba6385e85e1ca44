package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.metrics.ServerMetrics;
import chatroom.server.room.Broadcaster;
import chatroom.server.room.BroadcasterFixture;
import chatroom.server.room.Room;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.JdbcChatStore;
import chatroom.server.store.RoomRecord;
import chatroom.testing.Wait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events applied from several threads at once (event loops, the store's writer, Lettuce's I/O
 * thread) must not lose a change: a member who joins while the room is renamed stays a member.
 */
class NodeEventsRaceTest {

    private static final int ROUNDS = 3000;

    @TempDir
    Path dataDir;

    private JdbcChatStore store;
    private RoomRegistry rooms;
    private NodeEvents events;
    private ExecutorService publishers;
    private final ServerMetrics metrics = new ServerMetrics();

    @BeforeEach
    void setUp() {
        store = JdbcChatStore.openSqlite(dataDir, 16);
        rooms = RoomRegistry.from(store.load());
        SessionRegistry sessions = new SessionRegistry();
        Broadcaster broadcaster = BroadcasterFixture.broadcaster(rooms, sessions, metrics, store, Duration.ofMillis(50));
        events = new NodeEvents(rooms, sessions, broadcaster, store, new SingleNode());
        publishers = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        publishers.shutdownNow();
        events.close();
        store.close();
        metrics.close();
    }

    /**
     * Either order is fine (a member added after the rename names a room that no longer exists and
     * is dropped), but the two must not interleave: the room as it was must not gain a member the
     * renamed room lacks, and the user's rooms must match the room's members.
     */
    @Test
    void aMemberAddedWhileTheRoomIsRenamed_isNeverLost() throws Exception {
        List<Room> before = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            before.add(rooms.add(new RoomRecord("a" + i, "owner", "", false, 0, 0)));
        }
        for (int i = 0; i < ROUNDS; i++) {
            CyclicBarrier start = new CyclicBarrier(2);
            String room = "a" + i;
            String user = "u" + i;
            String newName = "b" + i;
            List<Future<?>> both = new ArrayList<>();
            both.add(publishers.submit(() -> {
                start.await();
                events.remote(new ClusterEvent.MemberAdded(room, user, false, false));
                return null;
            }));
            both.add(publishers.submit(() -> {
                start.await();
                events.remote(new ClusterEvent.RoomRenamed(room, newName));
                return null;
            }));
            for (Future<?> done : both) {
                done.get();
            }
        }
        Wait.until("every room renamed", () -> {
            for (int i = 0; i < ROUNDS; i++) {
                if (rooms.find("b" + i) == null) {
                    return false;
                }
            }
            return true;
        });
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            String user = "u" + i;
            Room renamed = rooms.find("b" + i);
            boolean member = renamed.isMember(user);
            boolean listed = rooms.roomsOf(user).contains(renamed);
            if (before.get(i).isMember(user) != member || listed != member) {
                lost.add(user + " (member before the rename: " + before.get(i).isMember(user)
                        + ", after: " + member + ", in the user's rooms: " + listed + ")");
            }
        }
        assertThat(lost).as("members lost or listed wrongly by a rename racing a join").isEmpty();
        for (int i = 0; i < ROUNDS; i++) {
            assertThat(rooms.find("a" + i)).isNull();
        }
    }
}

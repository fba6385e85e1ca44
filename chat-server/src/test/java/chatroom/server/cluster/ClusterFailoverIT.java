package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.RoomHistory;
import chatroom.server.testing.ServerProcess;
import chatroom.server.testing.TwoNodeProcesses;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged server processes form a cluster on a real PostgreSQL and Redis. While senders on
 * both nodes write to a room, node a is killed with SIGKILL. Its clients reconnect to node b: the
 * sender logs in with its token and resends what got no ok (cids make that safe), the reader
 * resumes with {@code join {since}}. Every acknowledged message is then stored exactly once at its
 * acknowledged seq, and the reader has seen every seq exactly once, in order.
 */
class ClusterFailoverIT {

    private static final String ROOM = "failover";
    private static final int PER_SENDER = 150;

    @TempDir
    Path dataA;
    @TempDir
    Path dataB;

    @Test
    void sigkillOfANode_itsClientsResumeOnTheOther_withEveryAcknowledgedMessageExactlyOnce() throws Exception {
        try (TwoNodeProcesses cluster = TwoNodeProcesses.start(dataA, dataB)) {
            run(cluster.a(), cluster.b());
        }
    }

    private void run(ServerProcess a, ServerProcess b) throws Exception {
        Map<String, String> tokens = new HashMap<>();
        for (String user : List.of("reader", "sender-a", "sender-b")) {
            try (WireClient client = WireClient.connect(user.endsWith("-b") ? b.port() : a.port())) {
                tokens.put(user, client.signUp(user).path("token").asText());
                client.ok("join", "room", ROOM); // the first join creates the room; later ones may wait for node b to hear of it
            }
        }
        WireClient reader = WireClient.connect(a.port());
        reader.ok("login", "token", tokens.get("reader"));
        reader.ok("join", "room", ROOM);

        Map<String, Long> acked = new ConcurrentHashMap<>();
        AtomicInteger ackedOnA = new AtomicInteger();
        AtomicInteger resent = new AtomicInteger();
        Thread senderA = new Thread(() -> send("sender-a", tokens.get("sender-a"), List.of(a.port(), b.port()),
                acked, ackedOnA, resent), "sender-a");
        Thread senderB = new Thread(() -> send("sender-b", tokens.get("sender-b"), List.of(b.port()), acked,
                new AtomicInteger(), resent), "sender-b");
        senderA.start();
        senderB.start();

        List<Long> seen = new ArrayList<>();
        long killAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ackedOnA.get() < PER_SENDER / 3 && System.nanoTime() < killAt) {
            seen.add(reader.messageIn(ROOM).path("seq").asLong()); // reading on: the kill comes mid-stream
        }
        a.kill(); // SIGKILL: node a says nothing to anyone

        // the reader takes what node a got out before it died, then resumes on node b
        for (ObjectNode frame : reader.drain(Duration.ofMillis(200))) {
            if ("message".equals(frame.path("type").asText())) {
                seen.add(frame.path("seq").asLong());
            }
        }
        reader.close();
        long last = seen.isEmpty() ? 0 : seen.get(seen.size() - 1);
        WireClient resumed = WireClient.connect(b.port());
        resumed.ok("login", "token", tokens.get("reader"));
        resumed.ok("join", "room", ROOM, "since", last);

        senderA.join(120_000);
        senderB.join(120_000);
        assertThat(senderA.isAlive() || senderB.isAlive()).as("senders finished").isFalse();
        assertThat(acked).hasSize(2 * PER_SENDER);
        int total = 2 * PER_SENDER;
        seen.addAll(resumed.messageSeqsIn(ROOM, Math.max(0, total - seen.size()), Duration.ofSeconds(30)));
        assertThat(seen).as("the reader saw every seq once, in order, across the failover")
                .isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());

        assertThat(RoomHistory.seqsByCid(resumed, ROOM)).isEqualTo(acked);
        System.out.println("ClusterFailoverIT: " + total + " acknowledged across the SIGKILL of node a ("
                + resent.get() + " resent after losing their ok), the reader resumed at seq " + last);
        resumed.close();
    }

    /** Sends PER_SENDER messages with cids; when its node dies, logs in with its token on the next one and resends. */
    private static void send(String user, String token, List<Integer> ports, Map<String, Long> acked,
                             AtomicInteger ackedHere, AtomicInteger resent) {
        Map<String, ObjectNode> unanswered = new LinkedHashMap<>();
        int next = 0;
        int node = 0;
        while (next < PER_SENDER || !unanswered.isEmpty()) {
            try (WireClient client = WireClient.connect(ports.get(node))) {
                client.ok("login", "token", token);
                for (Map.Entry<String, ObjectNode> retry : new ArrayList<>(unanswered.entrySet())) {
                    resent.incrementAndGet();
                    ObjectNode ok = client.request("send", "room", ROOM, "text", retry.getValue().path("text").asText(),
                            "cid", retry.getKey());
                    acked.put(retry.getKey(), ok.path("seq").asLong());
                    unanswered.remove(retry.getKey());
                }
                while (next < PER_SENDER) {
                    String cid = user + "-" + next;
                    ObjectNode message = client.message("send", "room", ROOM, "text", "消息 " + cid, "cid", cid);
                    unanswered.put(cid, message);
                    ObjectNode ok = client.ok("send", "room", ROOM, "text", "消息 " + cid, "cid", cid);
                    acked.put(cid, ok.path("seq").asLong());
                    unanswered.remove(cid);
                    ackedHere.incrementAndGet();
                    next++;
                }
            } catch (AssertionError | IOException | RuntimeException e) {
                node = Math.min(node + 1, ports.size() - 1); // this node is gone: the next one
            }
        }
    }
}

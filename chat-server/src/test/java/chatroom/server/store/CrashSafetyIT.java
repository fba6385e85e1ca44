package chatroom.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ServerProcess;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged message is never lost: the packaged server runs as a process; senders write to a
 * room and to each other with cids; the server is killed with SIGKILL at random moments and
 * restarted on the same data directory; senders resend what got no ok. At the end every ok'd
 * message is in history exactly once at its acknowledged seq, and seqs have no gap or duplicate.
 * Set {@code -Dchat.crash.seed=N} to replay a run.
 */
class CrashSafetyIT {

    private static final int SENDERS = 6;
    private static final int KILLS = 4;
    private static final String ROOM = "crash";

    @TempDir
    Path dataDir;

    /** What one sender knows: cid → acknowledged seq, and cids sent without an answer. */
    private record Ledger(Map<String, Long> acked, Map<String, ObjectNode> unanswered) {
        Ledger() {
            this(new ConcurrentHashMap<>(), new LinkedHashMap<>());
        }
    }

    private final java.util.concurrent.atomic.AtomicInteger resent = new java.util.concurrent.atomic.AtomicInteger();
    private ServerProcess server;
    private volatile int port;

    private void startServer() throws Exception {
        server = ServerProcess.start("--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString(),
                "--rate", "100000", "--burst", "100000");
        port = server.port();
    }

    private static String user(int i) {
        return "sender" + i;
    }

    @Test
    void killedWithSigkill_repeatedly_losesNoAcknowledgedMessage_andDuplicatesNothing() throws Exception {
        long seed = Long.getLong("chat.crash.seed", System.nanoTime());
        System.out.println("CrashSafetyIT seed " + seed + " (replay with -Dchat.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        startServer();
        try (WireClient setup = WireClient.connect(port)) {
            for (int i = 0; i < SENDERS; i++) {
                setup.register(user(i), "password-" + user(i));
            }
        }
        Ledger[] ledgers = new Ledger[SENDERS];
        for (int i = 0; i < SENDERS; i++) {
            ledgers[i] = new Ledger();
        }
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            int me = i;
            long senderSeed = random.nextLong();
            Thread thread = new Thread(() -> sendUntilStopped(me, ledgers[me], new Random(senderSeed), stop),
                    "crash-sender-" + i);
            senders.add(thread);
            thread.start();
        }
        for (int kill = 0; kill < KILLS; kill++) {
            Thread.sleep(500 + random.nextInt(1000)); // let traffic flow; the kill moment is the variable
            server.kill();
            startServer();
        }
        // traffic goes on until every sender has had an acknowledgement (a sender may spend whole
        // server lifetimes waiting for its password login); then the senders stop
        chatroom.testing.Wait.until("every sender acknowledged at least once", Duration.ofSeconds(60),
                () -> java.util.Arrays.stream(ledgers).noneMatch(ledger -> ledger.acked().isEmpty()));
        stop.set(true);
        for (Thread thread : senders) {
            thread.join(60_000);
            assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
        }

        try (WireClient checker = WireClient.connect(port)) {
            checker.login(user(0), "password-" + user(0));
            Map<String, Long> roomCids = readAll(checker, "room", ROOM);
            for (int i = 0; i < SENDERS; i++) {
                for (Map.Entry<String, Long> acked : ledgers[i].acked().entrySet()) {
                    if (acked.getKey().contains("-room-")) {
                        assertThat(roomCids).as("acknowledged %s", acked.getKey())
                                .containsEntry(acked.getKey(), acked.getValue());
                    }
                }
            }
            for (int other = 1; other < SENDERS; other++) {
                Map<String, Long> directCids = readAll(checker, "with", user(other));
                for (int side : new int[] {0, other}) {
                    String peer = user(side == 0 ? other : 0);
                    for (Map.Entry<String, Long> acked : ledgers[side].acked().entrySet()) {
                        if (acked.getKey().endsWith("-to-" + peer)) {
                            assertThat(directCids).as("acknowledged %s", acked.getKey())
                                    .containsEntry(acked.getKey(), acked.getValue());
                        }
                    }
                }
            }
            long total = 0;
            for (Ledger ledger : ledgers) {
                assertThat(ledger.acked()).as("every sender got acknowledgements").isNotEmpty();
                total += ledger.acked().size();
            }
            System.out.println("CrashSafetyIT: " + total + " acknowledged sends across " + KILLS
                    + " SIGKILLs (" + resent.get() + " resent after losing their ok), " + roomCids.size()
                    + " in the room, all accounted for");
        } finally {
            server.process().destroyForcibly();
        }
    }

    /**
     * Reads a whole conversation page by page; asserts seqs 1..n without gap or duplicate and each
     * cid once; returns cid → seq.
     */
    private static Map<String, Long> readAll(WireClient client, String field, String name) {
        Map<String, Long> cids = new HashMap<>();
        long expected = 1;
        long after = 0;
        while (true) {
            ObjectNode page = client.ok("history", field, name, "after", after, "limit", 200);
            JsonNode messages = page.path("messages");
            for (JsonNode message : messages) {
                long seq = message.path("seq").asLong();
                assertThat(seq).as("%s %s: seq after %d", field, name, expected - 1).isEqualTo(expected);
                expected++;
                after = seq;
                String cid = message.path("cid").asText(null);
                assertThat(cid).isNotNull();
                assertThat(cids.put(cid, seq)).as("cid %s stored twice", cid).isNull();
            }
            if (messages.size() < 200) {
                return cids;
            }
        }
    }

    /** One sender: connect, log in, join, then send until stopped; survive kills; resend unanswered cids. */
    private void sendUntilStopped(int me, Ledger ledger, Random random, AtomicBoolean stop) {
        int next = 0;
        while (!stop.get() || !ledger.unanswered().isEmpty()) {
            try (WireClient client = WireClient.connect(port)) {
                client.login(user(me), "password-" + user(me));
                client.ok("join", "room", ROOM);
                for (Map.Entry<String, ObjectNode> resend : new ArrayList<>(ledger.unanswered().entrySet())) {
                    resent.incrementAndGet();
                    record(ledger, resend.getKey(), client.request("send", fields(resend.getValue())));
                }
                while (!stop.get()) {
                    String cid;
                    ObjectNode message;
                    if (random.nextInt(4) == 0) {
                        int other = (me + 1 + random.nextInt(SENDERS - 1)) % SENDERS;
                        cid = user(me) + "-" + next++ + "-to-" + user(other);
                        message = client.message("send", "to", user(other), "text", "dm " + cid, "cid", cid);
                    } else {
                        cid = user(me) + "-room-" + next++;
                        message = client.message("send", "room", ROOM, "text", "msg " + cid, "cid", cid);
                    }
                    ledger.unanswered().put(cid, message);
                    record(ledger, cid, client.request("send", fields(message)));
                }
                return;
            } catch (AssertionError | RuntimeException | IOException lost) {
                // the server died under us: reconnect (it restarts on another port) and resend
                waitBriefly();
            }
        }
    }

    private static void record(Ledger ledger, String cid, ObjectNode reply) {
        if (!"ok".equals(reply.path("type").asText())) {
            throw new AssertionError("send " + cid + " failed: " + reply);
        }
        ledger.acked().put(cid, reply.path("seq").asLong());
        ledger.unanswered().remove(cid);
    }

    private static Object[] fields(ObjectNode message) {
        List<Object> keyValues = new ArrayList<>();
        message.fields().forEachRemaining(field -> {
            if (!"type".equals(field.getKey())) {
                keyValues.add(field.getKey());
                keyValues.add(field.getValue().asText());
            }
        });
        return keyValues.toArray();
    }

    private static void waitBriefly() {
        try {
            Thread.sleep(50); // a retry pause while the server restarts, not a synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

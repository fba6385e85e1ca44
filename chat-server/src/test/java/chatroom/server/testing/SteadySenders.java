package chatroom.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;

/**
 * Load for the fault tests: each writer sends to one room, one message at a time at a steady pace,
 * each with its own {@code cid}, and resends a message that answered {@code internal} ("try again")
 * with the same {@code cid} until it is acknowledged, as a client does. Records what was acknowledged
 * at which seq, and checks afterwards what the fault tests promise: every acknowledged message stored
 * once at its seq and nothing else stored, every reader sees every seq once, in order.
 */
public final class SteadySenders {

    private final String room;
    private final Duration pace;
    /** cid → the seq its {@code ok} carried. */
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final List<AtomicInteger> ackedPerWriter = new ArrayList<>();
    private final AtomicInteger tryAgain = new AtomicInteger();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    private SteadySenders(String room, Duration pace) {
        this.room = room;
        this.pace = pace;
    }

    /** Starts one thread per writer; every writer must already be a member of {@code room}. */
    public static SteadySenders start(String room, Duration pace, List<WireClient> writers) {
        SteadySenders senders = new SteadySenders(room, pace);
        for (int i = 0; i < writers.size(); i++) {
            AtomicInteger acked = new AtomicInteger();
            senders.ackedPerWriter.add(acked);
            WireClient writer = writers.get(i);
            String name = "w" + i;
            Thread thread = new Thread(() -> senders.run(writer, name, acked), "steady-sender-" + name);
            thread.setDaemon(true);
            senders.threads.add(thread);
            thread.start();
        }
        return senders;
    }

    private void run(WireClient writer, String name, AtomicInteger acked) {
        try {
            for (int n = 0; !stopping; n++) {
                String cid = name + "-" + n;
                while (true) { // until acknowledged, even when stopping: nothing is left half-sent
                    ObjectNode reply = writer.request("send", "room", room, "text", "消息 " + cid, "cid", cid);
                    if ("ok".equals(reply.path("type").asText())) {
                        acknowledged.put(cid, reply.path("seq").asLong());
                        acked.incrementAndGet();
                        break;
                    }
                    if (!"internal".equals(reply.path("code").asText())) {
                        throw new AssertionError("send " + cid + " answered " + reply);
                    }
                    tryAgain.incrementAndGet();
                    LockSupport.parkNanos(pace.toNanos()); // a client's pause before it tries again
                }
                LockSupport.parkNanos(pace.toNanos());
            }
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    /**
     * The load of the two-node fault tests: a reader and a writer on each node, all members of {@code room}
     * (joined on node a first; the others retry their join until their node has heard of the room), and the
     * two writers sending.
     */
    public static OnBothNodes onBothNodes(ServerFixture nodeA, ServerFixture nodeB, String room, Duration pace) {
        WireClient readerA = nodeA.user("reader-a");
        WireClient readerB = nodeB.user("reader-b");
        WireClient writerA = nodeA.user("writer-a");
        WireClient writerB = nodeB.user("writer-b");
        readerA.ok("join", "room", room);
        for (WireClient member : List.of(readerB, writerA, writerB)) {
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> member.ok("join", "room", room) != null);
        }
        return new OnBothNodes(readerA, readerB, writerA, writerB, start(room, pace, List.of(writerA, writerB)));
    }

    /** What {@link #onBothNodes} started: the clients on node a and node b, and the senders. */
    public record OnBothNodes(WireClient readerA, WireClient readerB, WireClient writerA, WireClient writerB,
            SteadySenders senders) {
    }

    /** Waits until every writer has had {@code more} further sends acknowledged. */
    public void awaitMoreAcks(int more, Duration within) {
        List<Integer> from = ackedPerWriter.stream().map(AtomicInteger::get).toList();
        await().atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(failures).isEmpty();
            for (int i = 0; i < from.size(); i++) {
                if (ackedPerWriter.get(i).get() < from.get(i) + more) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Sends one message more (after {@link #stop}) and counts it as acknowledged; returns its seq. */
    public long sendOne(WireClient writer, String cid) {
        long seq = writer.ok("send", "room", room, "text", "消息 " + cid, "cid", cid).path("seq").asLong();
        acknowledged.put(cid, seq);
        return seq;
    }

    /** How many sends answered {@code internal} and were sent again. */
    public int triedAgain() {
        return tryAgain.get();
    }

    /** Stops the writers after their current message is acknowledged; returns how many were acknowledged. */
    public int stop() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(60_000);
            assertThat(thread.isAlive()).as("a writer still sending a minute later").isFalse();
        }
        assertThat(failures).as("writers' failures").isEmpty();
        List<Long> seqs = acknowledged.values().stream().sorted().toList();
        assertThat(seqs).as("acknowledged seqs are distinct and without gaps")
                .isEqualTo(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
        return seqs.size();
    }

    /** Asserts that {@code reader} receives seqs 1 to {@code total} of the room, each once, in order. */
    public void assertReceivedInOrder(WireClient reader, int total, Duration within) {
        assertThat(reader.messageSeqsIn(room, total, within)).as("every seq once, in order")
                .isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
    }

    /** Asserts through {@code member}'s {@code history} that the room holds exactly the acknowledged messages. */
    public void assertStoredOnceEach(WireClient member) {
        assertThat(RoomHistory.seqsByCid(member, room))
                .as("stored: exactly the acknowledged messages, each at its acknowledged seq")
                .isEqualTo(Map.copyOf(acknowledged));
    }
}

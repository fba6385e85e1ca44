package chatroom.bench.scenario;

import chatroom.bench.client.Accounts;
import chatroom.bench.client.BenchConnection;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One seeding connection: sends its share of messages round-robin over its conversations, keeping
 * {@code window} sends in flight (each with a {@code cid}, as a real client resending after a lost
 * connection would), and completes when every one has a reply. Runs on the connection's event loop.
 */
final class SeedLane {

    private final BenchConnection connection;
    private final String targetKey;
    private final List<String> targets;
    private final long count;
    private final int window;
    private final long firstNumber;
    private final LongAdder stored;
    private final Map<String, LongAdder> errors;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private long sent;
    private long replied;
    private int inFlight;

    /**
     * @param targetKey {@code room} or {@code to}
     * @param firstNumber the number of this lane's first message, so texts and cids are unique across lanes
     */
    SeedLane(BenchConnection connection, String targetKey, List<String> targets, long count, int window,
             long firstNumber, LongAdder stored, Map<String, LongAdder> errors) {
        this.connection = connection;
        this.targetKey = targetKey;
        this.targets = targets;
        this.count = targets.isEmpty() ? 0 : count;
        this.window = window;
        this.firstNumber = firstNumber;
        this.stored = stored;
        this.errors = errors;
    }

    /** Starts sending; the future completes when every send has its reply. */
    CompletableFuture<Void> start() {
        connection.channel().eventLoop().execute(this::fill);
        return done;
    }

    static Map<String, LongAdder> newErrorCounts() {
        return new ConcurrentHashMap<>();
    }

    private void fill() {
        if (replied == count) {
            done.complete(null);
            return;
        }
        while (inFlight < window && sent < count) {
            long number = firstNumber + sent;
            String target = targets.get((int) (sent % targets.size()));
            sent++;
            inFlight++;
            connection.request("send", targetKey, target, "text", SeedTexts.text(number), "cid", "seed-" + number)
                    .whenComplete(this::replied);
        }
    }

    private void replied(JsonNode reply, Throwable failure) {
        if (failure != null) {
            done.completeExceptionally(failure);
            return;
        }
        if (Accounts.isOk(reply)) {
            stored.increment();
        } else {
            errors.computeIfAbsent("seed send: " + reply.path("code").asText(), code -> new LongAdder()).increment();
        }
        inFlight--;
        replied++;
        fill();
    }
}

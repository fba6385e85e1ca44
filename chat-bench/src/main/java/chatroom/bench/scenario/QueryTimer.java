package chatroom.bench.scenario;

import chatroom.bench.client.Accounts;
import chatroom.bench.client.BenchConnection;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * Times one kind of read request from one connection, one request at a time (a user's client
 * waits for its conversation list or search before asking again), so the latency is the server's
 * and the rate is what a single session gets.
 */
final class QueryTimer {

    /** What the timed requests saw; {@code items} counts the last reply's array (conversations or hits). */
    record Timing(long requests, double seconds, Histogram micros, int items, Map<String, Long> errors) {
    }

    private final BenchConnection connection;

    QueryTimer(BenchConnection connection) {
        this.connection = connection;
    }

    /**
     * Sends {@code warmup} untimed then {@code requests} timed requests.
     *
     * @param itemsField the reply's array to count: {@code conversations} or {@code hits}
     */
    Timing time(int warmup, int requests, String itemsField, String type, Object... keyValues)
            throws InterruptedException {
        Histogram micros = new Histogram(3_600_000_000L, 3);
        Map<String, Long> errors = new TreeMap<>();
        int items = 0;
        for (int i = 0; i < warmup; i++) {
            await(type, keyValues);
        }
        long started = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            long sent = System.nanoTime();
            JsonNode reply = await(type, keyValues);
            micros.recordValue(Math.max(0, (System.nanoTime() - sent) / 1000));
            if (Accounts.isOk(reply)) {
                items = reply.path(itemsField).size();
            } else {
                errors.merge(type + ": " + reply.path("code").asText(), 1L, Long::sum);
            }
        }
        return new Timing(requests, (System.nanoTime() - started) / 1e9, micros, items, errors);
    }

    private JsonNode await(String type, Object... keyValues) throws InterruptedException {
        try {
            return connection.request(type, keyValues).get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(type + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(type + " got no reply within 120 s", e);
        }
    }
}

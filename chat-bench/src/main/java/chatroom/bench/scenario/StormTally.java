package chatroom.bench.scenario;

import chatroom.bench.client.BenchClock;
import chatroom.bench.client.DeliveryListener;
import chatroom.bench.client.TimedSender;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.HdrHistogram.Recorder;

/**
 * What one storm of the {@code logins} scenario counts, whichever protocol its clients speak
 * ({@link LoginStorm}, {@link IrcLoginStorm}): each client's time to logged in, the answers that
 * made it wait, the connections the server closed while the storm ran, and every other error.
 */
final class StormTally {

    private static final long MAX_MICROS = 3_600_000_000L;

    private final Recorder perClient = new Recorder(MAX_MICROS, 3);
    private final LongAdder busy = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder disconnects = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /** A listener that counts a connection the server closes before the storm ends. */
    DeliveryListener closeCounter() {
        return new DeliveryListener() {
            @Override
            public void closed(TimedSender connection, String reason) {
                if (running) {
                    disconnects.increment();
                    error("closed: " + reason);
                }
            }
        };
    }

    /** A client is in, {@code beganNanos} ({@link BenchClock#nanos}) after it began to connect. */
    void loggedIn(long beganNanos) {
        perClient.recordValue(Math.min(MAX_MICROS, (BenchClock.nanos() - beganNanos) / 1000));
    }

    void busy() {
        busy.increment();
    }

    void rateLimited() {
        rateLimited.increment();
    }

    void error(String what) {
        errors.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    /**
     * Waits up to {@code timeoutS} for every client, then closes those that got in and tallies the
     * storm; clients still out count as "not logged in".
     *
     * @param clients each completes with the client once it is in, or with null when it failed
     */
    <C> LoginStorm.Outcome finish(List<CompletableFuture<C>> clients, long startNanos, long timeoutS,
                                  String lateError, Consumer<C> close) throws InterruptedException {
        try {
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(timeoutS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            error(lateError);
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        running = false;
        int in = 0;
        for (CompletableFuture<C> client : clients) {
            C c = client.getNow(null);
            if (c != null) {
                in++;
                close.accept(c);
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((what, n) -> counts.put(what, n.sum()));
        if (in < clients.size()) {
            counts.merge("not logged in", (long) (clients.size() - in), Long::sum);
        }
        return new LoginStorm.Outcome(clients.size(), in, seconds, perClient.getIntervalHistogram(), busy.sum(),
                rateLimited.sum(), disconnects.sum(), counts);
    }

    /** The innermost cause: what a failed connect or request says, without its wrappers. */
    static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}

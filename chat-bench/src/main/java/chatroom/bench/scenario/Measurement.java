package chatroom.bench.scenario;

import chatroom.bench.client.TimedSender;
import chatroom.bench.client.DeliveryListener;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts and latency histograms of one measured window. Everything that arrives outside the
 * window (warm-up, drain) is not counted, except errors and lost connections, which always are.
 * Latencies are recorded in microseconds; callers are the connections' event loops.
 */
public final class Measurement implements DeliveryListener {

    private static final long MAX_MICROS = 3_600_000_000L;

    private final Recorder deliveryLatency = new Recorder(MAX_MICROS, 3);
    private final Recorder ackLatency = new Recorder(MAX_MICROS, 3);
    private final LongAdder allAcks = new LongAdder();
    private final LongAdder unexpectedCloses = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile boolean recording;
    private volatile boolean finished;
    private long startNanos;
    private long endNanos;

    @Override
    public void delivered(long latencyNanos) {
        if (recording) {
            deliveryLatency.recordValue(micros(latencyNanos));
        }
    }

    @Override
    public void acked(long latencyNanos, boolean ok, String errorCode) {
        if (!ok) {
            errors.computeIfAbsent(errorCode, code -> new LongAdder()).increment();
            return;
        }
        allAcks.increment();
        if (recording) {
            ackLatency.recordValue(micros(latencyNanos));
        }
    }

    @Override
    public void closed(TimedSender connection, String reason) {
        if (!finished) {
            unexpectedCloses.increment();
            errors.computeIfAbsent("closed: " + reason, code -> new LongAdder()).increment();
        }
    }

    /** Starts the measured window, discarding whatever the warm-up recorded. */
    public void start() {
        deliveryLatency.reset();
        ackLatency.reset();
        startNanos = System.nanoTime();
        recording = true;
    }

    /**
     * Ends the measured window; later arrivals are not counted. The counts are the histograms' own: a
     * counter read beside them could miss an arrival the histogram took (2 of 9774 once, in CI).
     */
    public Window stop() {
        recording = false;
        endNanos = System.nanoTime();
        Histogram delivered = deliveryLatency.getIntervalHistogram();
        Histogram acked = ackLatency.getIntervalHistogram();
        return new Window((endNanos - startNanos) / 1e9, delivered.getTotalCount(), acked.getTotalCount(),
                delivered, acked);
    }

    /** From now on closing connections is expected (the scenario is tearing down). */
    public void finish() {
        finished = true;
    }

    public Map<String, Long> errors() {
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((code, count) -> counts.put(code, count.sum()));
        return counts;
    }

    /** Every {@code ok} of a timed send, warm-up and drain included. */
    public long allAcks() {
        return allAcks.sum();
    }

    public long unexpectedCloses() {
        return unexpectedCloses.sum();
    }

    private static long micros(long nanos) {
        return Math.max(0, Math.min(MAX_MICROS, nanos / 1000));
    }

    /** What one measured window saw. */
    public record Window(double seconds, long deliveries, long acks, Histogram deliveryLatency,
                         Histogram ackLatency) {
    }
}

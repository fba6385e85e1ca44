package chatroom.bench.scenario;

import chatroom.bench.client.TimedSender;
import chatroom.bench.client.BenchClock;
import chatroom.bench.client.DeliveryListener;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Drives one sender connection on its own event loop: either as fast as acknowledgements allow
 * (keeping {@code window} sends in flight) or paced at a fixed rate (a 1 ms tick sends what is
 * owed; when {@code window} sends are already in flight the send is skipped and counted, so a
 * server that cannot keep up shows as a missed rate, not as a silently lower one). Paced drivers
 * start at staggered phases, so S senders at R/S each make one even stream of R sends a second.
 */
final class SendDriver implements DeliveryListener {

    private final TimedSender connection;
    private final DeliveryListener measurement;
    private final byte[] target;
    private final byte[] padding;
    private final int window;
    private final double perSecond;
    private boolean running;
    private long startNanos;
    private long owedSent;
    private volatile long skipped;
    private ScheduledFuture<?> tick;

    /**
     * @param target where the messages go, in the connection's encoding: JSON addressing fields with a
     *     trailing comma, e.g. {@code "room":"r1",}, or an IRC target, e.g. {@code #r1}
     * @param perSecond sends per second, or 0 for as fast as acknowledgements allow
     */
    SendDriver(TimedSender connection, DeliveryListener measurement, String target, int textBytes, int window,
               double perSecond) {
        this.connection = connection;
        this.measurement = measurement;
        this.target = target.getBytes(StandardCharsets.UTF_8);
        this.padding = "x".repeat(Math.max(0, textBytes - 26)).getBytes(StandardCharsets.US_ASCII);
        this.window = window;
        this.perSecond = perSecond;
        connection.listener(this);
    }

    /**
     * @param phase where in its send interval this driver starts, 0 to 1: paced drivers are spread
     *     over the interval so that together they send evenly, not in bursts of one send each
     */
    void start(double phase) {
        EventLoop loop = connection.channel().eventLoop();
        loop.execute(() -> {
            running = true;
            startNanos = BenchClock.nanos() + (perSecond <= 0 ? 0 : (long) (phase * 1e9 / perSecond));
            if (perSecond <= 0) {
                fill();
            } else {
                tick = loop.scheduleAtFixedRate(this::paced, 0, 1, TimeUnit.MILLISECONDS);
            }
        });
    }

    void stop() {
        connection.channel().eventLoop().execute(() -> {
            running = false;
            if (tick != null) {
                tick.cancel(false);
            }
        });
    }

    /** Sends that the pacing owed but could not make because the window was full. */
    long skipped() {
        return skipped;
    }

    @Override
    public void delivered(long latencyNanos) {
        measurement.delivered(latencyNanos);
    }

    @Override
    public void acked(long latencyNanos, boolean ok, String errorCode) {
        measurement.acked(latencyNanos, ok, errorCode);
        if (running && perSecond <= 0) {
            fill();
        }
    }

    @Override
    public void closed(TimedSender closed, String reason) {
        running = false;
        measurement.closed(closed, reason);
    }

    private void fill() {
        boolean wrote = false;
        while (connection.outstanding() < window && connection.isActive()) {
            connection.sendTimed(target, padding, false);
            wrote = true;
        }
        if (wrote) {
            connection.flush();
        }
    }

    private void paced() {
        if (!running) {
            return;
        }
        long due = (long) ((BenchClock.nanos() - startNanos) * perSecond / 1e9);
        boolean wrote = false;
        for (; owedSent < due; owedSent++) {
            if (connection.outstanding() >= window || !connection.isActive()) {
                skipped++;
                continue;
            }
            connection.sendTimed(target, padding, false);
            wrote = true;
        }
        if (wrote) {
            connection.flush();
        }
    }
}

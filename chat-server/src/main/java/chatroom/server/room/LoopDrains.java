package chatroom.server.room;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One event loop's sessions waiting for their fan-out drain, drained in passes: at most one pass
 * starts per {@code linger}, and a pass covers the sessions that were waiting when it started, a
 * slice at a time. Between two slices the loop goes back to its sockets, so a fan-out to a big room
 * never holds up the reads of everyone else on the loop: Netty 4.2 runs queued tasks for up to a
 * second before it polls again, but takes scheduled tasks only after its next poll, which is why the
 * next slice is scheduled rather than queued. On a small machine at 200 sends/s to 1000 members, a
 * pass in one piece held each send's read, and so its commit and its {@code ok}, for the pass before
 * it (docs/benchmarks.md, round fourteen). Sessions given more fan-out during a pass wait for the next.
 * Event loop only, but for construction.
 *
 * @param <S> what is drained (a session)
 */
final class LoopDrains<S> {

    private final EventLoop loop;
    private final long lingerNanos;
    private final int perSlice;
    private final Consumer<S> drain;
    private List<S> waiting = new ArrayList<>();
    private List<S> passing = new ArrayList<>();
    private int next;
    private long lastPassNanos;
    private boolean passScheduled;

    /**
     * @param lingerNanos the shortest time between the starts of two passes; 0: a pass as soon as the last one ends
     * @param perSlice how many are drained before the loop polls its sockets again
     * @param drain drains one
     */
    LoopDrains(EventLoop loop, long lingerNanos, int perSlice, Consumer<S> drain) {
        if (perSlice < 1) {
            throw new IllegalArgumentException("perSlice must be positive: " + perSlice);
        }
        this.loop = loop;
        this.lingerNanos = lingerNanos;
        this.perSlice = perSlice;
        this.drain = drain;
        this.lastPassNanos = loop.ticker().nanoTime() - lingerNanos;
    }

    /** Adds sessions given fan-out; they are drained by the next pass, at once if none ran within the linger. */
    void due(List<S> sessions) {
        waiting.addAll(sessions);
        scheduleNextPass();
    }

    private void scheduleNextPass() {
        if (passScheduled || !passing.isEmpty() || waiting.isEmpty()) { // passing: a pass is under way
            return;
        }
        long wait = lastPassNanos + lingerNanos - loop.ticker().nanoTime();
        if (wait <= 0) {
            startPass();
        } else {
            passScheduled = true;
            loop.schedule(this::startPass, wait, TimeUnit.NANOSECONDS);
        }
    }

    private void startPass() {
        passScheduled = false;
        lastPassNanos = loop.ticker().nanoTime();
        List<S> started = waiting;
        waiting = passing;
        passing = started;
        drainSlice();
    }

    private void drainSlice() {
        int end = Math.min(passing.size(), next + perSlice);
        try {
            while (next < end) {
                drain.accept(passing.get(next++));
            }
        } finally {
            // a session that throws is passed over, not retried; the pass and the next ones go on
            if (next < passing.size()) {
                loop.schedule(this::drainSlice, 0, TimeUnit.NANOSECONDS); // after the loop's next poll
            } else {
                endPass();
            }
        }
    }

    private void endPass() {
        passing.clear();
        next = 0;
        scheduleNextPass();
    }
}

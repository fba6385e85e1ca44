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
 *
 * <p>After a pass that kept the loop busy for a time B, the next one waits until {@code restPercent}
 * percent of B has passed since it ended. When commits come faster than a loop can write them one by one (a
 * thousand members, 200 sends a second on a small machine), passes otherwise follow each other back
 * to back, each write carrying whatever one pass's time let gather; resting lets each member's write
 * carry more messages, so the loop makes fewer of them, for a little more wait. Short passes (small
 * rooms, light load) rest next to nothing (docs/benchmarks.md, round seventeen).
 * Event loop only, but for construction.
 *
 * @param <S> what is drained (a session)
 */
final class LoopDrains<S> {

    private final EventLoop loop;
    private final long lingerNanos;
    private final int restPercent;
    private final int perSlice;
    private final Consumer<S> drain;
    private List<S> waiting = new ArrayList<>();
    private List<S> passing = new ArrayList<>();
    private int next;
    private long lastPassNanos;
    /** The loop's time spent draining in the pass under way, slices only (not the reads in between). */
    private long passBusyNanos;
    /** When the next pass may start at the earliest, for the rest after the last one. */
    private long restedNanos;
    private boolean passScheduled;

    /**
     * @param lingerNanos the shortest time between the starts of two passes; 0: a pass as soon as the last one ends
     * @param restPercent how long the loop rests after a pass before the next, in percent of the pass's busy time
     * @param perSlice how many are drained before the loop polls its sockets again
     * @param drain drains one
     */
    LoopDrains(EventLoop loop, long lingerNanos, int restPercent, int perSlice, Consumer<S> drain) {
        if (perSlice < 1 || restPercent < 0) {
            throw new IllegalArgumentException("perSlice must be positive and restPercent not negative: "
                    + perSlice + ", " + restPercent);
        }
        this.loop = loop;
        this.lingerNanos = lingerNanos;
        this.restPercent = restPercent;
        this.perSlice = perSlice;
        this.drain = drain;
        this.lastPassNanos = loop.ticker().nanoTime() - lingerNanos;
        this.restedNanos = lastPassNanos;
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
        long wait = Math.max(lastPassNanos + lingerNanos, restedNanos) - loop.ticker().nanoTime();
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
        long sliceStart = loop.ticker().nanoTime();
        try {
            while (next < end) {
                drain.accept(passing.get(next++));
            }
        } finally {
            passBusyNanos += loop.ticker().nanoTime() - sliceStart;
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
        restedNanos = loop.ticker().nanoTime() + passBusyNanos / 100 * restPercent;
        passBusyNanos = 0;
        scheduleNextPass();
    }
}

package chatroom.server.room;

import chatroom.server.session.Session;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drains the sessions that commits' fan-outs gave messages, at most once per event loop every
 * {@code linger}. The first fan-out after a quiet spell leaves at once; the fan-outs of commits that
 * follow within the linger wait for the loop's next drain and leave with it, in one write per
 * session instead of one per commit. Paced load on a small machine spends most of its CPU in those
 * writes (docs/benchmarks.md, round thirteen). Nothing else waits: a reply queued meanwhile drains
 * its session at once, fan-out included, so a sender's {@code ok} is never held back.
 *
 * <p>{@link #add} and {@link #run} belong to the broadcaster's lock; each loop's drains to the loop.
 */
final class FanOutDrains {

    private final long lingerNanos;
    private final Map<EventLoop, LoopDrains> loops = new HashMap<>();
    private final PendingDrains pending = new PendingDrains(this::handOver);

    /** @param lingerNanos the shortest time between two fan-out drains of one event loop; 0: drain each commit's at once */
    FanOutDrains(long lingerNanos) {
        this.lingerNanos = lingerNanos;
    }

    /** Adds a session whose {@code sendLiveDeferred} returned true. */
    void add(Session session) {
        pending.add(session);
    }

    /** Hands the sessions added since the last call to their event loops, which drain them when due. */
    void run() {
        pending.run();
    }

    private void handOver(EventLoop loop, List<Session> sessions) {
        LoopDrains drains = loops.computeIfAbsent(loop, LoopDrains::new);
        loop.execute(() -> drains.due(sessions));
    }

    /** One event loop's sessions waiting for their fan-out drain; touched on that loop only. */
    private final class LoopDrains {

        private final EventLoop loop;
        private final List<Session> waiting = new ArrayList<>();
        private long lastDrainNanos;
        private boolean drainScheduled;

        LoopDrains(EventLoop loop) {
            this.loop = loop;
            this.lastDrainNanos = loop.ticker().nanoTime() - lingerNanos;
        }

        void due(List<Session> sessions) {
            waiting.addAll(sessions);
            if (drainScheduled) {
                return;
            }
            long wait = lastDrainNanos + lingerNanos - loop.ticker().nanoTime();
            if (wait <= 0) {
                drain();
            } else {
                drainScheduled = true;
                loop.schedule(this::drain, wait, TimeUnit.NANOSECONDS);
            }
        }

        private void drain() {
            drainScheduled = false;
            lastDrainNanos = loop.ticker().nanoTime();
            for (Session session : waiting) {
                session.drainFanOut();
            }
            waiting.clear();
        }
    }
}

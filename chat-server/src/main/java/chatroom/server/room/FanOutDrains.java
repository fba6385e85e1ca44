package chatroom.server.room;

import chatroom.server.session.Session;
import io.netty.channel.EventLoop;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drains the sessions that commits' fan-outs gave messages, at most once per event loop every
 * {@code linger}. The first fan-out after a quiet spell leaves at once; the fan-outs of commits that
 * follow within the linger wait for the loop's next drain and leave with it, in one write per
 * session instead of one per commit. Paced load on a small machine spends most of its CPU in those
 * writes (docs/benchmarks.md, round thirteen). Nothing else waits: a reply queued meanwhile drains
 * its session at once, fan-out included, so a sender's {@code ok} is never held back. A pass over
 * many sessions goes a slice at a time ({@link LoopDrains}), the loop reading its sockets in between.
 *
 * <p>{@link #add} and {@link #run} belong to the broadcaster's lock; each loop's drains to the loop.
 */
final class FanOutDrains {

    private final long lingerNanos;
    private final int restPercent;
    private final int sliceLimit;
    private final Map<EventLoop, LoopDrains<Session>> loops = new HashMap<>();
    private final PendingDrains pending = new PendingDrains(this::handOver);

    FanOutDrains(FanOutPacing pacing) {
        this.lingerNanos = pacing.linger().toNanos();
        this.restPercent = pacing.restPercent();
        this.sliceLimit = pacing.sliceLimit();
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
        LoopDrains<Session> drains = loops.computeIfAbsent(loop,
                key -> new LoopDrains<>(key, lingerNanos, restPercent, sliceLimit, Session::drainFanOut));
        loop.execute(() -> drains.due(sessions));
    }
}

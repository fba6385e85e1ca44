package chatroom.server.room;

import chatroom.server.session.Session;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Sessions given output without being drained, by event loop: {@link #run} then hands each loop's
 * sessions to the dispatch once (by default one task that drains them all), instead of one wake-up
 * and one write per event and session. Used by one thread at a time (the caller's lock or stack).
 */
final class PendingDrains {

    private final BiConsumer<EventLoop, List<Session>> dispatch;
    private Map<EventLoop, List<Session>> byLoop = new HashMap<>();

    /** Drains each loop's sessions in one task on that loop. */
    PendingDrains() {
        this((loop, sessions) -> loop.execute(() -> sessions.forEach(Session::drain)));
    }

    /** @param dispatch what {@link #run} does with each loop's sessions */
    PendingDrains(BiConsumer<EventLoop, List<Session>> dispatch) {
        this.dispatch = dispatch;
    }

    /** Adds a session whose queue asked for a drain ({@code Session.sendDeferred} and friends returned true). */
    void add(Session session) {
        byLoop.computeIfAbsent(session.eventLoop(), loop -> new ArrayList<>()).add(session);
    }

    /** Hands the sessions added so far to the dispatch, one call per event loop, and starts over. */
    void run() {
        if (byLoop.isEmpty()) {
            return;
        }
        byLoop.forEach(dispatch);
        byLoop = new HashMap<>();
    }
}

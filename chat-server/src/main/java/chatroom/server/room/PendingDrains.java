package chatroom.server.room;

import chatroom.server.session.Session;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sessions given output without being drained, by event loop: {@link #run} then gives each loop one
 * task that drains all of its sessions, instead of one wake-up and one write per event and session.
 * Used by one thread at a time (the caller's lock or stack).
 */
final class PendingDrains {

    private Map<EventLoop, List<Session>> byLoop = new HashMap<>();

    /** Adds a session whose queue asked for a drain ({@code Session.sendDeferred} and friends returned true). */
    void add(Session session) {
        byLoop.computeIfAbsent(session.eventLoop(), loop -> new ArrayList<>()).add(session);
    }

    /** Schedules one drain task per event loop for the sessions added so far, and starts over. */
    void run() {
        if (byLoop.isEmpty()) {
            return;
        }
        for (Map.Entry<EventLoop, List<Session>> entry : byLoop.entrySet()) {
            List<Session> loopSessions = entry.getValue();
            entry.getKey().execute(() -> loopSessions.forEach(Session::drain));
        }
        byLoop = new HashMap<>();
    }
}

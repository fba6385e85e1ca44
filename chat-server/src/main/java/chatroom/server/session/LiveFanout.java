package chatroom.server.session;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;

/**
 * One event loop's share of a commit's fan-out: the live messages for its sessions, in the order
 * the broadcaster handed them out (each conversation in seq order), run as one task on that loop.
 * A session with nothing queued ahead and a writable channel gets its messages written straight
 * into its batch, without its outbound queue (no queue node, no atomic counters, no wake-up per
 * message); any other session gets them queued as before (so they keep their place behind what
 * waits, go through the resume gate, and count towards the slow-consumer limit). Each session
 * touched is flushed once, at the end.
 *
 * <p>Filled by one thread (the broadcaster, under its lock), then handed to the event loop with
 * {@code execute}, which publishes it; it is not touched by the filler afterwards.
 */
public final class LiveFanout implements Runnable {

    /** The fan-out running on this thread, if any. */
    private static final FastThreadLocal<LiveFanout> RUNNING = new FastThreadLocal<>();

    private final List<Session> sessions = new ArrayList<>();
    private final List<Outbound> items = new ArrayList<>();

    /** Adds a live message for a session of this loop; the fan-out owns the caller's reference to {@code event}. */
    public void add(Session session, String conversation, long seq, SharedEvent event) {
        sessions.add(session);
        items.add(Outbound.live(conversation, seq, event));
    }

    /** Releases every message: the event loop refused the task (it is shutting down). */
    public void discard() {
        items.forEach(Outbound::discard);
        items.clear();
        sessions.clear();
    }

    /** Writes every message to its session and flushes each session once. On the sessions' event loop. */
    @Override
    public void run() {
        LiveFanout running = RUNNING.get();
        if (running != null) {
            // a loop that runs tasks from inside a write (EmbeddedChannel does; Netty's real loops do
            // not): a later commit's messages go behind this one's, never between them
            running.append(this);
            return;
        }
        RUNNING.set(this);
        try {
            for (int i = 0; i < items.size(); i++) {
                sessions.get(i).outbound().expect(items.get(i).bytes()); // sizes each session's batch up front
            }
            List<OutboundQueue> touched = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                OutboundQueue outbound = sessions.get(i).outbound();
                if (outbound.writeLive(items.get(i))) {
                    touched.add(outbound);
                }
            }
            for (OutboundQueue outbound : touched) {
                outbound.drain(); // writes what was queued meanwhile, the batch, and flushes once
            }
        } finally {
            RUNNING.remove();
        }
    }

    private void append(LiveFanout later) {
        for (int i = 0; i < later.items.size(); i++) {
            later.sessions.get(i).outbound().expect(later.items.get(i).bytes());
            sessions.add(later.sessions.get(i));
            items.add(later.items.get(i));
        }
    }
}

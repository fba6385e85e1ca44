package chatroom.server.irc;

import chatroom.codec.message.MarkRead;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Bouncer behaviour for a client without {@code draft/read-marker}, which cannot say what it read:
 * what it was shown counts as read, as a bouncer clears what it played back. Each conversation's
 * read marker moves to the newest message shown, at most once per {@link #FLUSH_DELAY_MS} (one
 * store write, not one per message), and at once when the client quits or the connection closes.
 * So a reconnecting client is replayed only what it never saw, and the user's other sessions get
 * {@code read} events for what it did. Event loop only.
 */
final class IrcShownMarkers {

    /** How long shown messages wait before their conversation's marker moves. */
    static final long FLUSH_DELAY_MS = 2000;

    private final IrcConnection irc;
    /** Target ({@code #room} or the other party) → the newest seq shown and not yet marked. */
    private final Map<String, Long> pending = new LinkedHashMap<>();
    private boolean scheduled;

    IrcShownMarkers(IrcConnection irc) {
        this.irc = irc;
    }

    /** The client was shown message {@code seq} of {@code target}. */
    void shown(String target, long seq) {
        if (irc.has(IrcCaps.READ_MARKER) || seq <= 0) {
            return; // such a client moves its markers itself (MARKREAD)
        }
        pending.merge(target, seq, Math::max);
        if (!scheduled) {
            scheduled = true;
            irc.ctx().executor().schedule(this::flush, FLUSH_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Moves the markers of what was shown; a refusal (the user left the room meanwhile) is ignored. */
    void flush() {
        scheduled = false;
        if (pending.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Long> entry : pending.entrySet()) {
            String target = entry.getKey();
            long seq = entry.getValue();
            irc.request(id -> new MarkRead(id, IrcReadMarkers.room(target), IrcReadMarkers.with(target), seq),
                    reply -> { });
        }
        pending.clear();
    }
}

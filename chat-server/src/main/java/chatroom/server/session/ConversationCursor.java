package chatroom.server.session;

import java.util.ArrayList;
import java.util.List;

/**
 * What one session has been sent of one conversation, and whether live messages are held back
 * while a resume replays older ones. Live messages arrive in seq order, so the seqs sent form one
 * range {@code [first, last]}; a replay fills in below it and must skip what that range held when
 * the replay began. Confined to the event loop.
 */
final class ConversationCursor {

    /** Highest seq sent in this session, or 0. */
    private long last;
    /** Live messages held while a replay runs; null when not holding. */
    List<Outbound> held;
    /** Whether a {@code join} with {@code since} is replaying into this hold (only its end releases it). */
    boolean replaying;

    private long first = Long.MAX_VALUE;
    private long skipFrom = Long.MAX_VALUE;
    private long skipTo;

    boolean holding() {
        return held != null;
    }

    /** Starts a replay: live messages wait, and the range sent so far will be skipped by it. */
    void startHolding() {
        if (held == null) {
            held = new ArrayList<>();
            skipFrom = first;
            skipTo = last;
        }
    }

    /** Whether a replayed seq goes out: not when it was sent before the replay began. */
    boolean acceptReplay(long seq) {
        if (seq >= skipFrom && seq <= skipTo) {
            return false;
        }
        sent(seq);
        return true;
    }

    /** Whether a live seq goes out: only when newer than everything sent. */
    boolean acceptLive(long seq) {
        if (seq <= last) {
            return false;
        }
        sent(seq);
        return true;
    }

    /**
     * Which messages of a live run go out: the index of the first one newer than everything sent
     * ({@code run.size()} when none is); those from there on count as sent.
     */
    int acceptLive(LiveRun run) {
        int from = run.firstAbove(last);
        if (from < run.size()) {
            sent(run.seq(from));
            sent(run.lastSeq());
        }
        return from;
    }

    private void sent(long seq) {
        first = Math.min(first, seq);
        last = Math.max(last, seq);
    }
}

package chatroom.server.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which of a session's conversation messages go out, and when: live messages are held
 * back while a resume ({@code join {since}}) replays older ones from the store, replayed seqs the
 * session has seen are skipped, and a live seq not newer than the last one sent is dropped. So
 * every conversation reaches the client in seq order, each message once. Holds are taken at login
 * too, so that a resuming client's first {@code join} finds nothing sent ahead of its replay.
 * Event loop only.
 */
final class ResumeGate {

    private final Map<String, ConversationCursor> cursors = new HashMap<>();
    private boolean loginHolds;

    /** Holds live messages of a conversation until its replay ends. */
    void hold(String conversation) {
        ConversationCursor cursor = cursor(conversation);
        cursor.startHolding();
        cursor.replaying = true;
    }

    /** Holds live messages of these conversations until a join takes the hold over or it is released. */
    void holdAfterLogin(Iterable<String> conversations) {
        for (String conversation : conversations) {
            cursor(conversation).startHolding();
        }
        loginHolds = true;
    }

    boolean hasLoginHolds() {
        return loginHolds;
    }

    /** Ends the login holds: returns the conversations whose hold no replay took over, to be released. */
    List<String> endLoginHolds() {
        List<String> release = new ArrayList<>();
        if (!loginHolds) {
            return release;
        }
        loginHolds = false;
        cursors.forEach((conversation, cursor) -> {
            if (cursor.holding() && !cursor.replaying) {
                release.add(conversation);
            }
        });
        return release;
    }

    /** Whether the conversation is held by a login hold that no replay has taken over. */
    boolean heldForLogin(String conversation) {
        ConversationCursor cursor = cursors.get(conversation);
        return cursor != null && cursor.holding() && !cursor.replaying;
    }

    /**
     * Passes one conversation item ({@code LIVE}, {@code REPLAY}, a hold or a release) through the gate to
     * {@code out}: written, held back, or dropped (and released). Returns whether anything was written.
     */
    boolean write(Outbound item, FrameBatcher out) {
        ConversationCursor cursor = cursor(item.conversation());
        switch (item.kind()) {
            case LIVE -> {
                if (cursor.holding()) {
                    cursor.held.add(item);
                    return false;
                }
                return writeLive(cursor, item, out);
            }
            case REPLAY -> {
                if (!cursor.acceptReplay(item.seq())) {
                    item.discard();
                    return false;
                }
                out.write(item.payload());
                return true;
            }
            case HOLD -> {
                hold(item.conversation());
                return false;
            }
            case RELEASE, RELEASE_LOGIN_HOLD -> {
                if (cursor.held == null || (item.kind() == Outbound.Kind.RELEASE_LOGIN_HOLD && cursor.replaying)) {
                    return false;
                }
                List<Outbound> held = cursor.held;
                cursor.held = null;
                cursor.replaying = false;
                boolean wrote = false;
                for (Outbound heldItem : held) {
                    wrote |= writeLive(cursor, heldItem, out);
                }
                return wrote;
            }
            default -> throw new IllegalArgumentException("not a conversation item: " + item.kind());
        }
    }

    /** Releases the live messages still held; the channel is gone. */
    void discardHeld() {
        for (ConversationCursor cursor : cursors.values()) {
            if (cursor.held != null) {
                cursor.held.forEach(Outbound::discard);
                cursor.held = null;
            }
        }
    }

    private static boolean writeLive(ConversationCursor cursor, Outbound item, FrameBatcher out) {
        if (item.payload() instanceof LiveRun run) {
            int from = cursor.acceptLive(run);
            if (from == run.size()) {
                item.discard();
                return false;
            }
            out.writeRun(run, from);
            return true;
        }
        if (!cursor.acceptLive(item.seq())) {
            item.discard();
            return false;
        }
        out.write(item.payload());
        return true;
    }

    private ConversationCursor cursor(String conversation) {
        return cursors.computeIfAbsent(conversation, key -> new ConversationCursor());
    }
}

package chatroom.server.room;

import chatroom.server.store.StoredMessage;
import java.util.TreeMap;

/**
 * Where one conversation's delivery on this node stands: the last seq handed to members, and the
 * messages that arrived ahead of a gap (with several nodes, seq 8 committed here may arrive before
 * seq 7 from another node). Guarded by the {@link Broadcaster}'s lock; {@link #delivered} is also
 * read without it.
 */
final class ConversationOrder {

    final String conversation;
    private volatile long delivered;
    /** The highest seq known to exist: past {@link #delivered}, the gap is filled from the store. */
    long known;
    final TreeMap<Long, StoredMessage> held = new TreeMap<>();
    /** When the oldest gap was first seen ({@link System#nanoTime}); meaningful while {@link #hasGap}. */
    long gapSinceNanos;
    boolean filling;

    ConversationOrder(String conversation, long delivered) {
        this.conversation = conversation;
        this.delivered = delivered;
        this.known = delivered;
    }

    long delivered() {
        return delivered;
    }

    void delivered(long seq) {
        delivered = seq;
        known = Math.max(known, seq);
    }

    /** The seq up to which messages are missing (filled from the store), or {@link #delivered} when none are. */
    long missingUpTo() {
        return held.isEmpty() ? known : held.firstKey() - 1;
    }

    boolean hasGap() {
        return missingUpTo() > delivered;
    }
}

package chatroom.server.irc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The timestamps of the latest messages one connection was shown, per conversation, so that a
 * read marker (a seq) is announced as IRC's timestamp without a store read. Bounded: the latest
 * {@link #PER_CONVERSATION} messages of each of the {@link #CONVERSATIONS} conversations shown
 * most recently. Each conversation is a ring of two {@code long} arrays that grows to its bound:
 * remembering a message costs two array stores, not a tree node and two boxed longs, since every
 * live message passes here. Event loop only.
 */
final class IrcTimestamps {

    /** Messages remembered per conversation. */
    static final int PER_CONVERSATION = 512;
    /** Conversations remembered; the one shown least recently is forgotten first. */
    static final int CONVERSATIONS = 64;

    private final Map<String, Ring> byTarget = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ring> eldest) {
            return size() > CONVERSATIONS;
        }
    };

    /** The conversation remembered last, and its ring: live messages mostly come in runs of one room. */
    private String lastTarget;
    private Ring lastRing;

    void remember(String target, long seq, long ts) {
        if (!target.equals(lastTarget)) {
            // through the map: it moves the conversation to the most recent end
            lastRing = byTarget.computeIfAbsent(target, t -> new Ring());
            lastTarget = target;
        }
        lastRing.add(seq, ts);
    }

    /** The timestamp of message {@code seq} of {@code target}, or null when it is not remembered. */
    Long timestampOf(String target, long seq) {
        Ring ring = byTarget.get(target);
        return ring == null ? null : ring.find(seq);
    }

    private static final class Ring {
        private long[] seqs = new long[16];
        private long[] stamps = new long[16];
        /** Where the next message goes; once full, also the oldest. */
        private int next;
        private int size;

        void add(long seq, long ts) {
            if (size == seqs.length && size < PER_CONVERSATION) {
                grow();
            }
            seqs[next] = seq;
            stamps[next] = ts;
            next = (next + 1) % seqs.length;
            size = Math.min(size + 1, seqs.length);
        }

        /** Newest first: a read marker is most often on one of the latest messages. */
        Long find(long seq) {
            for (int i = 1; i <= size; i++) {
                int at = Math.floorMod(next - i, seqs.length);
                if (seqs[at] == seq) {
                    return stamps[at];
                }
            }
            return null;
        }

        /** Doubles the arrays of a full ring, oldest first. */
        private void grow() {
            long[] moreSeqs = new long[Math.min(seqs.length * 2, PER_CONVERSATION)];
            long[] moreStamps = new long[moreSeqs.length];
            for (int i = 0; i < size; i++) {
                int from = (next + i) % seqs.length;
                moreSeqs[i] = seqs[from];
                moreStamps[i] = stamps[from];
            }
            seqs = moreSeqs;
            stamps = moreStamps;
            next = size;
        }
    }
}

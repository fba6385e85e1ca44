package chatroom.server.store;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counter row of each conversation ({@code conv_seqs}) that appends take their seq from,
 * incremented in the same transaction that stores the message. The row stays locked until the
 * commit, so on a database that several servers share (PostgreSQL) a second server's append to the
 * same conversation waits for the first one's commit: seqs are unique, gap-free and commit in seq
 * order. A rolled-back append gives its seq back with the rollback.
 *
 * <p>The writer remembers the latest seq it counted to in each recently written conversation and
 * counts up with a plain {@code UPDATE ... WHERE seq = remembered}: SQLite's upsert with
 * {@code RETURNING} cost 4.4–4.7 µs per message against under 2 µs for the update (over a
 * quarter of the writer's CPU per message, docs/benchmarks.md, round twenty). The row itself stays the truth:
 * when the remembered seq is not the row's (a rolled-back batch, a deleted or renamed room,
 * another server's append) the update changes nothing and the upsert counts as before. Writer
 * thread only.
 */
final class SeqCounters {

    /** Conversations remembered; the least recently written is forgotten first. */
    private static final int REMEMBERED = 4096;

    private final Map<String, Long> latest = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Takes the lock on a conversation's counter now (creating it at 0 when it has none). */
    static void lock(WriteTransaction tx, String conversation) throws SQLException {
        tx.updateCached("INSERT INTO conv_seqs(conv, seq) VALUES (?, 0)"
                + " ON CONFLICT (conv) DO UPDATE SET seq = conv_seqs.seq", conversation);
    }

    /** Counts a conversation's counter up and returns the new seq (1 for a new conversation). */
    long next(WriteTransaction tx, String conversation) throws SQLException {
        Long remembered = latest.get(conversation);
        if (remembered != null && tx.updateCached("UPDATE conv_seqs SET seq = ? WHERE conv = ? AND seq = ?",
                remembered + 1, conversation, remembered) == 1) {
            latest.put(conversation, remembered + 1);
            return remembered + 1;
        }
        Long seq = tx.queryLong("INSERT INTO conv_seqs(conv, seq) VALUES (?, 1)"
                + " ON CONFLICT (conv) DO UPDATE SET seq = conv_seqs.seq + 1 RETURNING seq", conversation);
        if (seq == null) {
            throw new StoreException("no seq returned for " + conversation);
        }
        latest.put(conversation, seq);
        return seq;
    }

    /** Gives the seq {@link #next} just took back (its insert did nothing). */
    void giveBack(WriteTransaction tx, String conversation) throws SQLException {
        latest.remove(conversation);
        tx.updateCached("UPDATE conv_seqs SET seq = seq - 1 WHERE conv = ?", conversation);
    }
}

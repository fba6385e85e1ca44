package chatroom.server.store;

import java.sql.SQLException;

/**
 * The counter row of each conversation ({@code conv_seqs}) that appends take their seq from,
 * incremented in the same transaction that stores the message. The row stays locked until the
 * commit, so on a database that several servers share (PostgreSQL) a second server's append to the
 * same conversation waits for the first one's commit: seqs are unique, gap-free and commit in seq
 * order. A rolled-back append gives its seq back with the rollback.
 */
final class SeqCounters {

    private SeqCounters() {
    }

    /** Takes the lock on a conversation's counter now (creating it at 0 when it has none). */
    static void lock(WriteTransaction tx, String conversation) throws SQLException {
        tx.updateCached("INSERT INTO conv_seqs(conv, seq) VALUES (?, 0)"
                + " ON CONFLICT (conv) DO UPDATE SET seq = conv_seqs.seq", conversation);
    }

    /** Counts a conversation's counter up and returns the new seq (1 for a new conversation). */
    static long next(WriteTransaction tx, String conversation) throws SQLException {
        Long seq = tx.queryLong("INSERT INTO conv_seqs(conv, seq) VALUES (?, 1)"
                + " ON CONFLICT (conv) DO UPDATE SET seq = conv_seqs.seq + 1 RETURNING seq", conversation);
        if (seq == null) {
            throw new StoreException("no seq returned for " + conversation);
        }
        return seq;
    }

    /** Gives the seq {@link #next} just took back (its insert did nothing). */
    static void giveBack(WriteTransaction tx, String conversation) throws SQLException {
        tx.updateCached("UPDATE conv_seqs SET seq = seq - 1 WHERE conv = ?", conversation);
    }
}

package chatroom.server.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows the writer adds to SQLite's FTS5 search index, numbered here and inserted together just
 * before the commit.
 *
 * <p>Why together: FTS5 keeps a transaction's new terms in memory and writes them out as one
 * segment at the commit, unless a statement that opens a statement journal makes it write them
 * first. The seq counter's upsert opens one, so with the index row inserted between the appends every
 * message became a segment of its own, merged again later: the index took three quarters of the
 * writer's time when ten senders pipeline into one room (commits of ~300 sends: 50 ms, 8 ms without
 * the index). Why numbered here: the message's row names its index row before that row exists.
 *
 * <p>A transaction whose writes run in savepoints (the retry of a batch in which one write failed)
 * inserts each row at once, so that a write's rollback takes its row with it. Writer thread only.
 */
final class SearchRows {

    private static final String INSERT = "INSERT INTO message_search(rowid, text) VALUES (?, ?)";

    /** The last row number given out; -1 until read from the index. */
    private long lastRow = -1;
    private final Map<Long, String> pending = new LinkedHashMap<>();
    private boolean deferring;

    /** Starts a transaction; {@code defer}: hold the new rows until {@link #flush}. */
    void begin(boolean defer) {
        pending.clear();
        deferring = defer;
    }

    /** Numbers a new text and inserts it now or at the flush; returns its row. */
    long add(WriteTransaction tx, String text) throws SQLException {
        if (lastRow < 0) {
            Long newest = tx.queryLong("SELECT rowid FROM message_search ORDER BY rowid DESC LIMIT 1");
            lastRow = newest == null ? 0 : newest;
        }
        long row = ++lastRow; // a rolled-back transaction leaves a gap, which costs nothing
        if (deferring) {
            pending.put(row, text);
        } else {
            tx.updateCached(INSERT, row, text);
        }
        return row;
    }

    void remove(WriteTransaction tx, long row) throws SQLException {
        if (pending.remove(row) == null) {
            tx.updateCached("DELETE FROM message_search WHERE rowid = ?", row);
        }
    }

    void replace(WriteTransaction tx, long row, String text) throws SQLException {
        if (pending.replace(row, text) == null) {
            tx.updateCached("UPDATE message_search SET text = ? WHERE rowid = ?", text, row);
        }
    }

    /** Inserts the held rows, one after another, so that the commit writes them as one segment. */
    void flush(WriteTransaction tx) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        PreparedStatement insert = tx.prepareCached(INSERT);
        for (Map.Entry<Long, String> row : pending.entrySet()) {
            insert.setLong(1, row.getKey());
            insert.setString(2, row.getValue());
            insert.executeUpdate();
        }
        pending.clear();
    }

    /** Forgets the held rows (their transaction was rolled back). */
    void discard() {
        pending.clear();
    }
}

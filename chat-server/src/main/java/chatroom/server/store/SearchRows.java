package chatroom.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows the writer adds to SQLite's FTS5 search index: numbered here as messages are stored, and
 * held back, then inserted together, so that FTS5 writes them as one segment.
 *
 * <p>Why together: FTS5 keeps a transaction's new terms in memory and writes them out as one
 * segment at the commit, unless a statement that opens a statement journal makes it write them
 * first (the seq counter's upsert opens one): with the index row inserted between the appends every
 * message became a segment of its own. Why across commits: a segment costs the same few pages
 * however few rows it has, and each is merged again later. Under a paced load most commits carry
 * one or two messages, and a segment per commit doubled the writer's CPU per commit (220 µs against
 * 107 without the index, docs/benchmarks.md, round eight). So a commit inserts what is held only once
 * {@link #HELD_ROWS} or more are held: a batch of ten pipelining senders (~300 sends) still goes in
 * at its own commit, and a trickle waits for the writer to be idle for {@link #IDLE_FLUSH_MS}
 * ({@link GroupCommitWriter}), or for the writer to stop.
 *
 * <p>The rows held are always the newest: the index holds every stored message up to its highest
 * row and none after it, so a search reads the index and the messages past its highest row
 * ({@link SearchIndex#FTS5_TRIGRAM}). Nothing held is lost in a crash: it is read again from the
 * messages when the writer next touches the index ({@link #load}), and so after any rollback.
 *
 * <p>A transaction whose writes run in savepoints (the retry of a batch in which one write failed)
 * inserts what is held first and each new row at once, so that a write's rollback takes its row
 * with it. Writer thread only.
 */
final class SearchRows {

    /** Held rows that make the commit insert them: the smallest segment a busy writer makes. */
    static final int HELD_ROWS = 256;
    /** How long the writer waits without writes before it inserts what is held. */
    static final long IDLE_FLUSH_MS = 200;

    private static final String INSERT = "INSERT INTO message_search(rowid, text) VALUES (?, ?)";

    /** False until read from the database, and again after a rollback. */
    private boolean loaded;
    /** The last row number given out. */
    private long lastRow;
    /** Stored messages not yet in the index, in row order: committed, or of this transaction. */
    private final Map<Long, String> held = new LinkedHashMap<>();
    private boolean immediate;

    /** Starts a transaction; {@code immediate}: insert each new row at once (writes in savepoints). */
    void begin(boolean immediate) {
        this.immediate = immediate;
    }

    /** Numbers a new text and holds it, or inserts it at once; returns its row. */
    long add(WriteTransaction tx, String text) throws SQLException {
        prepare(tx);
        long row = ++lastRow; // a rolled-back transaction leaves a gap, which costs nothing
        if (immediate) {
            tx.updateCached(INSERT, row, text);
        } else {
            held.put(row, text);
        }
        return row;
    }

    void remove(WriteTransaction tx, long row) throws SQLException {
        prepare(tx);
        if (held.remove(row) == null) {
            tx.updateCached("DELETE FROM message_search WHERE rowid = ?", row);
        }
    }

    void replace(WriteTransaction tx, long row, String text) throws SQLException {
        prepare(tx);
        if (held.replace(row, text) == null) {
            tx.updateCached("UPDATE message_search SET text = ? WHERE rowid = ?", text, row);
        }
    }

    /** The last thing before a commit: inserts what is held once there is enough for a segment. */
    void beforeCommit(WriteTransaction tx) throws SQLException {
        if (held.size() >= HELD_ROWS) {
            insertHeld(tx);
        }
    }

    /** Whether rows are held (the writer inserts them when it has nothing else to do). */
    boolean holding() {
        return !held.isEmpty();
    }

    /** Inserts every held row, one after another, so that the commit writes them as one segment. */
    void insertHeld(WriteTransaction tx) throws SQLException {
        if (held.isEmpty()) {
            return;
        }
        PreparedStatement insert = tx.prepareCached(INSERT);
        for (Map.Entry<Long, String> row : held.entrySet()) {
            insert.setLong(1, row.getKey());
            insert.setString(2, row.getValue());
            insert.executeUpdate();
        }
        held.clear();
    }

    /** The transaction, or a savepoint of it, was rolled back: what is held is read again when needed. */
    void rolledBack() {
        loaded = false;
        held.clear();
    }

    private void prepare(WriteTransaction tx) throws SQLException {
        if (!loaded) {
            load(tx);
        }
        if (immediate) {
            insertHeld(tx);
        }
    }

    /**
     * Reads the messages stored past the index's highest row (held when the server stopped, or by a
     * transaction rolled back since) and the last row number given out.
     */
    private void load(WriteTransaction tx) throws SQLException {
        held.clear();
        Long indexed = tx.queryLong("SELECT rowid FROM message_search ORDER BY rowid DESC LIMIT 1");
        long highest = indexed == null ? 0 : indexed;
        try (PreparedStatement st = tx.prepare("SELECT search_rowid, text FROM messages"
                + " WHERE search_rowid > ? AND deleted = 0 ORDER BY search_rowid")) {
            st.setLong(1, highest);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    held.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        Long numbered = tx.queryLong("SELECT max(search_rowid) FROM messages WHERE search_rowid IS NOT NULL");
        lastRow = Math.max(highest, numbered == null ? 0 : numbered);
        loaded = true;
    }
}

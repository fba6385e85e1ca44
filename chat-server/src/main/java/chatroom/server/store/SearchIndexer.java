package chatroom.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps SQLite's search index ({@code search.db}, an FTS5 trigram table) up with the messages, on a
 * thread and a database file of its own, so that no message's commit waits for the index.
 *
 * <p>Why apart: FTS5 writes a transaction's new terms as a segment at its commit, and merges
 * segments then too. In the messages' own transaction every few hundred messages one commit took
 * 10-50 ms, and every send queued behind it waited (docs/benchmarks.md, round eighteen). A second
 * database file has its own write lock, so this thread's commits and the writer's go side by side.
 *
 * <p>What it indexes it reads from the messages: the texts of the rows numbered past the index's
 * highest row ({@code messages.search_rowid}, numbered by the writer in commit order), once a
 * segment's worth ({@link #SEGMENT_ROWS}) is waiting or the writer has been idle for
 * {@link #IDLE_MS}. So the index holds every live message up to its highest row, a search reads the
 * rest from the messages ({@link SearchIndex#unindexed}), and nothing about the index is lost in a
 * crash: the next start catches up the same way. Edits and deletes change the index in the writer's
 * own transaction ({@link Fts5SearchIndex}).
 *
 * <p>Threading: {@link #committed} is called by the writer; everything else runs on
 * {@code chat-search-indexer}, which owns both connections.
 */
final class SearchIndexer {

    private static final Logger log = LoggerFactory.getLogger(JdbcChatStore.class); // the name operators configure

    /** Rows waiting that make the indexer insert them at once: one segment, a few pages. */
    static final int SEGMENT_ROWS = 256;
    /** How long the writer must be idle before fewer rows than a segment are indexed (by default). */
    static final long IDLE_MS = 200;
    /** At most this many rows per index transaction (catching up with a large store after a start). */
    static final int MAX_ROWS_PER_COMMIT = 4096;
    /** How many segments of one level the index merges at a time (FTS5's default: 4). */
    static final int AUTOMERGE = 16;
    /** How many segments of one level make FTS5 merge them at once, whatever the cost (default: 16). */
    static final int CRISISMERGE = 32;

    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Connection index;
    private final Connection messages;
    private final long idleNanos;
    private final Thread thread;
    /** The highest row the writer has committed (rows are numbered in commit order). */
    private final AtomicLong committedRow = new AtomicLong();
    private volatile long lastCommitNanos;
    /** The row up to which every committed message is in the index; indexer thread writes. */
    private volatile long indexedRow;
    private volatile boolean waitingForRows;
    private volatile boolean closed;
    /** When the last failure was logged as a warning (indexer thread); the others go to debug. */
    private long lastWarningNanos;

    /**
     * @param index    a connection to {@code search.db} (made by {@link #createTable}), auto-commit on
     * @param messages a read-only connection to {@code chat.db}
     * @param highestIndexed the index's highest row now
     * @param idleMs   how long the writer must be idle before fewer rows than a segment are indexed
     */
    SearchIndexer(Connection index, Connection messages, long highestIndexed, long idleMs) {
        this.index = index;
        this.messages = messages;
        this.indexedRow = highestIndexed;
        this.committedRow.set(highestIndexed);
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMs);
        this.lastCommitNanos = System.nanoTime() - idleNanos; // what a previous run left is indexed at once
        this.thread = new Thread(this::run, "chat-search-indexer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * The index table's options: trigrams, and for each only the rows holding it. No copy of the
     * texts ({@code content=''}; deletes and edits still work, {@code contentless_delete}) and no
     * positions ({@code detail=none}): a quarter less CPU per text indexed and a quarter of the
     * file (docs/benchmarks.md, round nineteen). A search checks each row's text itself.
     */
    static final String TABLE_OPTIONS = "tokenize = 'trigram', content = '', contentless_delete = 1, detail = none";

    /**
     * Appended to every text indexed, so that each two characters of a text begin one of its trigrams
     * (the last two too): a query of two characters looks up the trigrams beginning with it in the
     * index's list of terms ({@link #TERMS}, {@link Fts5SearchIndex#shortMatchArguments}).
     */
    static final String TEXT_END = "\n";

    /**
     * The index's terms ({@code fts5vocab}), one row per trigram. Made with the table since round
     * twenty, when texts began to be indexed with {@link #TEXT_END}: an index without it is older.
     */
    static final String TERMS = "message_search_terms";

    /** What the index holds for a message text. */
    static String indexedText(String text) {
        return text + TEXT_END;
    }

    /** Creates the index table in the schema {@code schema} unless present, merging as configured here. */
    static void createTable(Statement st, String schema) throws SQLException {
        String table = schema + ".message_search";
        st.execute("CREATE VIRTUAL TABLE IF NOT EXISTS " + table + " USING fts5(text, " + TABLE_OPTIONS + ")");
        st.execute("CREATE VIRTUAL TABLE IF NOT EXISTS " + schema + "." + TERMS + " USING fts5vocab(message_search, 'row')");
        // Each commit adds a segment; with sixteen merged at a time instead of four, a text is rewritten
        // once per level and there are half as many levels (round seven: +12 % for ten pipelining senders).
        st.execute("INSERT INTO " + table + "(message_search, rank) VALUES ('automerge', " + AUTOMERGE + ")");
        st.execute("INSERT INTO " + table + "(message_search, rank) VALUES ('crisismerge', " + CRISISMERGE + ")");
    }

    /**
     * Whether the schema {@code schema} has no index table or one made with {@link #TABLE_OPTIONS}
     * and its {@link #TERMS} (round eighteen's kept the texts and their positions, round nineteen's
     * indexed the texts without {@link #TEXT_END}).
     */
    static boolean isAbsentOrCurrent(Statement st, String schema) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT sql FROM " + schema + ".sqlite_master WHERE name = 'message_search'")) {
            if (!rs.next()) {
                return true;
            }
            if (!rs.getString(1).contains(TABLE_OPTIONS)) {
                return false;
            }
        }
        try (ResultSet rs = st.executeQuery("SELECT 1 FROM " + schema + ".sqlite_master WHERE name = '" + TERMS + "'")) {
            return rs.next();
        }
    }

    /** A query for the index's highest row in schema {@code schema} (no row when empty). */
    static String highestRowQuery(String schema) {
        return "SELECT rowid FROM " + schema + ".message_search ORDER BY rowid DESC LIMIT 1";
    }

    /** The index's highest row (0 when empty), read through {@code connection} from schema {@code schema}. */
    static long highestRow(Connection connection, String schema) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(highestRowQuery(schema))) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The writer committed messages numbered up to {@code row}. Writer thread. */
    void committed(long row) {
        committedRow.accumulateAndGet(row, Math::max);
        lastCommitNanos = System.nanoTime();
        if (waitingForRows || row - indexedRow >= SEGMENT_ROWS) {
            LockSupport.unpark(thread);
        }
    }

    /** Stops the thread, leaving what is not indexed yet for the next start. */
    void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        catchUpWithWhatIsNumbered();
        while (!closed) {
            long waiting = committedRow.get() - indexedRow;
            if (waiting <= 0) {
                waitingForRows = true;
                if (committedRow.get() - indexedRow <= 0 && !closed) {
                    LockSupport.park(this);
                }
                waitingForRows = false;
                continue;
            }
            long idle = System.nanoTime() - lastCommitNanos;
            if (waiting < SEGMENT_ROWS && idle < idleNanos) {
                LockSupport.parkNanos(this, idleNanos - idle);
                continue;
            }
            try {
                indexNext();
            } catch (SQLException | RuntimeException e) {
                warnNowAndThen(e);
                rollbackQuietly();
                LockSupport.parkNanos(this, RETRY_NANOS);
            }
        }
    }

    /**
     * Learns the highest row the messages had at start-up (what a previous run left unindexed, or a
     * store whose index is new), here rather than in the constructor: a start must not read the
     * messages.
     */
    private void catchUpWithWhatIsNumbered() {
        try (Statement st = messages.createStatement();
             ResultSet rs = st.executeQuery("SELECT max(search_rowid) FROM messages")) {
            committedRow.accumulateAndGet(rs.next() ? rs.getLong(1) : 0, Math::max);
        } catch (SQLException e) {
            log.warn("search index: cannot read what the messages number ({}); indexing waits for the next message",
                    SqlErrors.describe(e));
        }
    }

    /**
     * Indexes the next committed rows in one transaction. The index's write lock is taken first, so
     * the texts read after it are the newest: an edit committed meanwhile waits for this commit and
     * then changes the row in the index itself.
     */
    private void indexNext() throws SQLException {
        long committed = committedRow.get();
        long last = indexedRow;
        int rows = 0;
        try (Statement st = index.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
        }
        try (PreparedStatement read = messages.prepareStatement("SELECT search_rowid, text FROM messages"
                + " WHERE search_rowid > ? AND deleted = 0 ORDER BY search_rowid LIMIT ?");
             PreparedStatement insert = index.prepareStatement("INSERT INTO message_search(rowid, text) VALUES (?, ?)")) {
            read.setLong(1, indexedRow);
            read.setInt(2, MAX_ROWS_PER_COMMIT);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    last = rs.getLong(1);
                    insert.setLong(1, last);
                    insert.setString(2, indexedText(rs.getString(2)));
                    insert.executeUpdate();
                    rows++;
                }
            }
        }
        try (Statement st = index.createStatement()) {
            st.execute("COMMIT");
        }
        // fewer than asked for: every row up to what was committed when this began has been read
        indexedRow = rows < MAX_ROWS_PER_COMMIT ? Math.max(last, committed) : last;
    }

    /** A full index file or disk fails every second until it is not: one warning a minute says so. */
    private void warnNowAndThen(Exception e) {
        long now = System.nanoTime();
        if (lastWarningNanos == 0 || now - lastWarningNanos >= WARNING_INTERVAL_NANOS) {
            lastWarningNanos = now;
            log.warn("search index: indexing failed, tried again every second (searches read what is not"
                    + " indexed from the messages meanwhile): {}", SqlErrors.describe(e));
        } else {
            log.debug("search index: indexing failed again: {}", SqlErrors.describe(e));
        }
    }

    private void rollbackQuietly() {
        try (Statement st = index.createStatement()) {
            st.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction was open
        }
    }
}

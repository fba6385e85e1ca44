package chatroom.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index's file, {@code search.db} beside {@code chat.db}: attached to every connection of
 * the store as {@code search}, in WAL mode, under the same size limit; opened with the
 * {@link SearchIndexer} that fills it; and, when SQLite cannot read it, moved aside and made anew
 * (it holds nothing the messages do not).
 */
final class SearchIndexFile {

    private static final Logger log = LoggerFactory.getLogger(JdbcChatStore.class); // the name operators configure
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    private final Path file;
    private final String messagesUrl;
    private final long maxBytes;

    /**
     * @param messagesUrl the JDBC URL of {@code chat.db}, which the indexer reads
     * @param maxBytes    the size limit of each database file (0: none)
     */
    SearchIndexFile(Path dataDir, String messagesUrl, long maxBytes) {
        this.file = dataDir.resolve("search.db").toAbsolutePath();
        this.messagesUrl = messagesUrl;
        this.maxBytes = maxBytes;
    }

    Path path() {
        return file;
    }

    /** Attaches the index as schema {@code search} (auto-commit on, outside a transaction). */
    void attach(Connection connection) throws SQLException {
        try (var attach = connection.prepareStatement("ATTACH DATABASE ? AS search")) {
            attach.setString(1, file.toString());
            attach.execute();
        }
    }

    /**
     * Opens the search index; one that SQLite cannot read is moved aside and built again from the
     * messages (it holds nothing else), so that a damaged index never keeps the server from starting.
     */
    SearchIndexer open(Connection writer, List<Connection> connections) throws SQLException {
        try {
            return openOnce(writer, connections);
        } catch (SQLException e) {
            if (!isDamage(e)) {
                throw e;
            }
            Path aside = moveAside(writer);
            log.warn("the search index {} cannot be read ({}): moved to {}, and built again from the messages",
                    file, e.getMessage(), aside);
            return openOnce(writer, connections);
        }
    }

    /**
     * Attaches the index to the writer (edits and deletes change it in their own transaction), puts
     * right what a crash between the two files' commits may have left, and starts the indexer; its
     * two connections go into {@code connections}, which the database closes.
     */
    private SearchIndexer openOnce(Connection writer, List<Connection> connections) throws SQLException {
        attach(writer);
        try (Statement st = writer.createStatement()) {
            if (!SearchIndexer.isAbsentOrCurrent(st, "search")) {
                replaceOlderFormat(writer);
            }
            st.execute("PRAGMA search.journal_mode = WAL"); // readers read while the indexer writes
            // losing the index's last commits in a power cut costs nothing: they are made again from the messages
            st.execute("PRAGMA search.synchronous = NORMAL");
            SqliteDatabase.limitSize(st, "search", maxBytes);
            SearchIndexer.createTable(st, "search");
        }
        Fts5SearchIndex.repair(writer);
        Connection index = DriverManager.getConnection("jdbc:sqlite:" + file);
        connections.add(index);
        Connection messages = DriverManager.getConnection(messagesUrl);
        connections.add(messages);
        try (Statement st = index.createStatement(); Statement ms = messages.createStatement()) {
            st.execute("PRAGMA busy_timeout = 5000");
            st.execute("PRAGMA synchronous = NORMAL");
            SqliteDatabase.limitSize(st, "main", maxBytes);
            ms.execute("PRAGMA busy_timeout = 5000");
            ms.execute("PRAGMA query_only = ON");
            return new SearchIndexer(index, messages, SearchIndexer.highestRow(index, "main"), SearchIndexer.IDLE_MS);
        }
    }

    private static boolean isDamage(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
    }

    /**
     * Deletes an index made in an older format and attaches an empty file instead; the indexer then
     * builds it again from the messages, in the background, as after an upgrade to schema version 8.
     */
    private void replaceOlderFormat(Connection writer) throws SQLException {
        makeAnew(writer, (from, suffix) -> Files.delete(from), "cannot replace the search index " + file);
        log.info("the search index {} was in an older format: made anew, and built again from the messages"
                + " in the background (searches read what is not indexed yet from the messages)", file);
        attach(writer);
    }

    /** Detaches the index and renames its files {@code search.db.damaged-<ms>}; returns the new name. */
    private Path moveAside(Connection writer) throws SQLException {
        Path aside = Path.of(file + ".damaged-" + System.currentTimeMillis());
        makeAnew(writer, (from, suffix) -> Files.move(from, Path.of(aside + suffix)),
                "cannot move the damaged search index aside");
        return aside;
    }

    /** Detaches the index, does {@code away} to each of its files, and leaves an empty owner-only file. */
    private void makeAnew(Connection writer, FileAway away, String failure) throws SQLException {
        try (Statement st = writer.createStatement()) {
            st.execute("DETACH DATABASE search");
        } catch (SQLException notAttached) {
            // the ATTACH itself failed
        }
        try {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Path from = Path.of(file + suffix);
                if (Files.exists(from)) {
                    away.apply(from, suffix);
                }
            }
            DataDirectory.createPrivateFile(file);
        } catch (IOException e) {
            throw new SQLException(failure + ": " + e, e);
        }
    }

    /** What is done with one of the index's files ({@code suffix}: "", "-wal" or "-shm"). */
    private interface FileAway {
        void apply(Path from, String suffix) throws IOException;
    }
}

package chatroom.server.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The embedded database: one SQLite file ({@code chat.db}) in the data directory, in WAL mode with
 * {@code synchronous=FULL}, so a committed transaction survives a crash of the process or the
 * machine; beside it the search index ({@code search.db}, attached as {@code search},
 * {@link SearchIndexFile}), which a {@link SearchIndexer} fills from the messages on a thread of its
 * own and which can always be built again from them. One write connection; each reader thread keeps a read-only connection of its own
 * (WAL lets them read while the writer writes). The schema is {@link Schema}'s, versioned with
 * {@code PRAGMA user_version}. The directory and the database files are owner-only
 * ({@link DataDirectory}). Opening does not check every page (that is {@link StoreIntegrityCheck},
 * run on demand), so start-up takes the same time for an empty store and a large one.
 */
final class SqliteDatabase implements Database {

    private final String url;
    private final Path file;
    private final SearchIndexFile searchIndexFile;
    private final Connection writeConnection;
    private final SearchIndexer indexer;
    private final Fts5SearchIndex searchIndex;
    private final ThreadLocal<Connection> readConnection = new ThreadLocal<>();
    private final List<Connection> readConnections = new CopyOnWriteArrayList<>();

    /**
     * @param maxBytes a size limit for each database file, {@code chat.db} and {@code search.db} (0: none);
     *     past it, writes fail like on a full disk
     * @throws StoreException when the directory or database cannot be used, or the file is not a database
     */
    SqliteDatabase(Path dataDir, long maxBytes) {
        this.file = dataDir.resolve("chat.db").toAbsolutePath();
        this.url = "jdbc:sqlite:" + file;
        this.searchIndexFile = new SearchIndexFile(dataDir, url, maxBytes);
        try {
            DataDirectory.createPrivateDirectory(dataDir);
            // SQLite creates the WAL and shared-memory files with the database file's permissions
            for (Path database : List.of(file, searchIndexFile.path())) {
                DataDirectory.createPrivateFile(database);
                DataDirectory.tightenIfPresent(Path.of(database + "-wal"));
                DataDirectory.tightenIfPresent(Path.of(database + "-shm"));
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dataDir.toAbsolutePath() + ": " + e, e);
        }
        try {
            this.writeConnection = openWriter(maxBytes);
        } catch (SQLException e) {
            throw new StoreException("cannot open the database in " + dataDir.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
        try {
            this.indexer = searchIndexFile.open(writeConnection, readConnections);
            this.searchIndex = new Fts5SearchIndex(indexer);
            writeConnection.setAutoCommit(false);
        } catch (SQLException e) {
            close();
            throw new StoreException("cannot open the search index " + searchIndexFile.path() + ": " + e.getMessage(), e);
        }
    }

    /** A size limit for one database file: past it writes fail as on a full disk ("database or disk is full"). */
    static void limitSize(Statement st, String schema, long maxBytes) throws SQLException {
        if (maxBytes <= 0) {
            return;
        }
        long pageSize;
        try (ResultSet rs = st.executeQuery("PRAGMA " + schema + ".page_size")) {
            pageSize = rs.next() ? rs.getLong(1) : 4096;
        }
        st.execute("PRAGMA " + schema + ".max_page_count = " + Math.max(1, maxBytes / pageSize));
    }

    private Connection openWriter(long maxBytes) throws SQLException {
        Properties properties = new Properties();
        // The driver otherwise matches every executed statement's SQL against a regex to prepare its
        // generated keys (JFR: 29% of the writer thread when ten senders pipeline); nothing here asks
        // for them: an insert that needs its rowid reads last_insert_rowid() itself.
        properties.setProperty("jdbc.get_generated_keys", "false");
        Connection connection = DriverManager.getConnection(url, properties);
        try {
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA busy_timeout = 5000");
                // No integrity check here: it reads the whole file, so start-up would grow with the
                // store. WAL recovery after a crash is SQLite's own; the schema read below still
                // refuses a file that is not a database. The full check is StoreIntegrityCheck.
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = FULL");
                st.execute("PRAGMA foreign_keys = ON");
                limitSize(st, "main", maxBytes);
            }
            Schema.migrate(connection);
            return connection;
        } catch (SQLException | RuntimeException e) {
            Database.closeQuietly(connection); // a refused start must not keep the file open
            throw e;
        }
    }

    @Override
    public Connection writer() {
        return writeConnection;
    }

    @Override
    public Connection reader() throws SQLException {
        Connection connection = readConnection.get();
        if (connection == null) {
            connection = DriverManager.getConnection(url);
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA busy_timeout = 5000");
                st.execute("PRAGMA query_only = ON");
            }
            searchIndexFile.attach(connection);
            SearchContains.register(connection);
            readConnection.set(connection);
            readConnections.add(connection);
        }
        return connection;
    }

    @Override
    public void release(Connection connection) {
        // the connections live as long as the store
    }

    @Override
    public boolean keepsReaderConnections() {
        return true;
    }

    @Override
    public String deferForeignKeys() {
        return "PRAGMA defer_foreign_keys = ON";
    }

    @Override
    public String immediateForeignKeys() {
        return "PRAGMA defer_foreign_keys = OFF";
    }

    @Override
    public String filesInUploadOrder() {
        return "f.ts, f.rowid";
    }

    @Override
    public SearchIndex searchIndex() {
        return searchIndex;
    }

    @Override
    public String describe() {
        return "sqlite at " + file;
    }

    @Override
    public void close() {
        if (indexer != null) {
            indexer.close();
        }
        for (Connection connection : readConnections) {
            Database.closeQuietly(connection);
        }
        Database.closeQuietly(writeConnection);
    }
}

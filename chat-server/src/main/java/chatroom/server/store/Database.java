package chatroom.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between the databases the {@link JdbcChatStore} runs on: how connections are had,
 * how the schema is made, and the few statements that are not the same SQL everywhere.
 */
interface Database extends AutoCloseable {

    /** A connection for one batch of writes, with auto-commit off; give it back with {@link #release}. */
    Connection writer() throws SQLException;

    /** A connection for one read; give it back with {@link #release}. */
    Connection reader() throws SQLException;

    /** Hands a connection back (a pooled database returns it to its pool). */
    void release(Connection connection);

    /**
     * Whether {@link #reader} gives a reader thread the same connection every time (SQLite's per-thread
     * connections), so that its prepared statements may be kept across reads.
     */
    default boolean keepsReaderConnections() {
        return false;
    }

    /** Checks foreign keys only at commit, for the rest of this transaction (keys moving between tables). */
    String deferForeignKeys();

    /** Checks foreign keys at once again. */
    String immediateForeignKeys();

    /** The ORDER BY of files in a room: upload order. */
    String filesInUploadOrder();

    /**
     * Whether several servers may write at once (PostgreSQL in a cluster): then a batch locks the seq
     * counters it will use up front, in one global order, so two servers' batches never wait for
     * each other in a circle.
     */
    default boolean sharedByServers() {
        return false;
    }

    /**
     * A query that holds off every other server's start-up migration until this transaction ends
     * (null when only one server uses the database).
     */
    default String startupLock() {
        return null;
    }

    /** How this database finds message texts (search, protocol section 10). */
    SearchIndex searchIndex();

    /** One line for people: which database, where. */
    String describe();

    @Override
    void close();

    /** Closes a connection, or hands it back to its pool, ignoring a failure to do so. */
    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}

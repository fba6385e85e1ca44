package chatroom.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One batch of writes on the writer thread: helpers for statements (kept ones for the hot path), a
 * savepoint per operation, and the new messages to announce after the commit. What the writes do
 * is the SQL classes' business ({@link UserSql}, {@link RoomSql}, {@link MessageSql},
 * {@link FileSql}); messages are stored by {@link MessageAppends}.
 */
final class WriteTransaction {

    private final Connection connection;
    private final StatementCache cache;
    private final SearchIndex search;
    private final SeqCounters seqs;
    private final List<StoredMessage> newMessages = new ArrayList<>();
    private int opMessages;

    WriteTransaction(Connection connection, StatementCache cache, SearchIndex search, SeqCounters seqs) {
        this.connection = connection;
        this.cache = cache;
        this.search = search;
        this.seqs = seqs;
    }

    SearchIndex search() {
        return search;
    }

    SeqCounters seqs() {
        return seqs;
    }

    /** A kept prepared statement of the append path; never close it. */
    PreparedStatement prepareCached(String sql) throws SQLException {
        return cache.prepared(connection, sql);
    }

    /** Runs a kept statement of the append path. */
    int updateCached(String sql, Object... args) throws SQLException {
        PreparedStatement st = cache.prepared(connection, sql);
        bind(st, args);
        return st.executeUpdate();
    }

    /** The first column of the first row of a kept query, or null when there is no row. */
    Long queryLong(String sql, Object... args) throws SQLException {
        PreparedStatement st = cache.prepared(connection, sql);
        bind(st, args);
        try (ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            long value = rs.getLong(1);
            return rs.wasNull() ? null : value;
        }
    }

    PreparedStatement prepare(String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            bind(st, args);
            return st.executeUpdate();
        }
    }

    boolean exists(String sql, Object... args) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            bind(st, args);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void bind(PreparedStatement st, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            st.setObject(i + 1, args[i]);
        }
    }

    /** Records a message this transaction stored, to be announced after the commit. */
    void announce(StoredMessage message) {
        newMessages.add(message);
        opMessages++;
    }

    // Each operation runs in a savepoint: its appends count only if it succeeds.

    void savepoint() throws SQLException {
        opMessages = 0;
        cache.plain(connection).execute("SAVEPOINT op");
    }

    void releaseSavepoint() throws SQLException {
        cache.plain(connection).execute("RELEASE op");
    }

    void rollbackToSavepoint() throws SQLException {
        Statement st = cache.plain(connection);
        st.execute("ROLLBACK TO op");
        st.execute("RELEASE op");
        newMessages.subList(newMessages.size() - opMessages, newMessages.size()).clear();
    }

    /** Messages stored by this transaction, in the order they were stored. */
    List<StoredMessage> newMessages() {
        return newMessages;
    }
}

package chatroom.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * One thread's prepared statements, kept while it uses the same connection: SQLite would otherwise
 * parse every statement of every append, and of every login's token look-up, again (a prepared
 * token look-up runs in 10 µs here, a freshly parsed one in 22). A pooled connection (PostgreSQL)
 * comes back as a new object each time, so there the cache lives for one batch or one read. Used by
 * the writer thread, and by each reader thread.
 */
final class StatementCache {

    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection connection;
    private Statement plain;

    /** A prepared statement of {@code sql} on {@code on}; never close it, it is kept. */
    PreparedStatement prepared(Connection on, String sql) throws SQLException {
        use(on);
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = on.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** A plain statement on {@code on} for fixed SQL (savepoints); never close it. */
    Statement plain(Connection on) throws SQLException {
        use(on);
        if (plain == null) {
            plain = on.createStatement();
        }
        return plain;
    }

    private void use(Connection on) {
        if (on != connection) {
            clear();
            connection = on;
        }
    }

    /** Closes every kept statement (the connection is going away, or was replaced). */
    void clear() {
        for (Statement statement : statements.values()) {
            closeQuietly(statement);
        }
        statements.clear();
        if (plain != null) {
            closeQuietly(plain);
            plain = null;
        }
        connection = null;
    }

    private static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // the connection is gone already
        }
    }
}

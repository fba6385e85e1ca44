package chatroom.server.store;

import java.sql.SQLException;

/** What a failed SQL statement means, the same for SQLite and PostgreSQL (SQLSTATE codes). */
final class SqlErrors {

    private SqlErrors() {
    }

    /** A unique constraint was violated: a name or id is taken. */
    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** A deadlock or serialization failure (PostgreSQL, several servers): the transaction may simply run again. */
    static boolean isRetryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** A failure's message, or its type when it has none. */
    static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

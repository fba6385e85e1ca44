package chatroom.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * PostgreSQL, for deployments that keep their data in a database server. Connections come from a
 * HikariCP pool (a connection that broke, say across a database restart, is replaced instead of
 * failing forever); the schema is migrated by Flyway from {@code db/migration/postgresql} at start.
 * Commits are durable by PostgreSQL's own rules ({@code synchronous_commit} on, the default).
 */
final class PostgresDatabase implements Database {

    /** Advisory lock id of the start-up migrations: "chat" in ASCII. */
    private static final long STARTUP_LOCK_ID = 0x63686174L;

    private final HikariDataSource pool;
    private final String where;

    PostgresDatabase(String jdbcUrl, String user, String password, int poolSize, int connectionTimeoutMs) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("chat-store");
        config.setConnectionTimeout(connectionTimeoutMs);
        config.setInitializationFailTimeout(10_000);
        this.where = "postgresql at " + jdbcUrl.replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*$", "");
        try {
            this.pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot reach the database " + where + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration/postgresql")
                    .failOnMissingLocations(true).load().migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException("cannot migrate the schema of " + where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Connection writer() throws SQLException {
        Connection connection = pool.getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    @Override
    public Connection reader() throws SQLException {
        Connection connection = pool.getConnection();
        connection.setAutoCommit(true);
        return connection;
    }

    @Override
    public void release(Connection connection) {
        Database.closeQuietly(connection); // back to the pool
    }

    @Override
    public String deferForeignKeys() {
        return "SET CONSTRAINTS ALL DEFERRED";
    }

    @Override
    public String immediateForeignKeys() {
        return "SET CONSTRAINTS ALL IMMEDIATE";
    }

    @Override
    public String filesInUploadOrder() {
        return "f.ts, f.upload_order";
    }

    @Override
    public boolean sharedByServers() {
        return true;
    }

    /** A transaction-scoped advisory lock; the number only has to be the same on every server. */
    @Override
    public String startupLock() {
        return "SELECT 1 FROM (SELECT pg_advisory_xact_lock(" + STARTUP_LOCK_ID + ")) AS locked";
    }

    @Override
    public SearchIndex searchIndex() {
        return SearchIndex.PG_TRGM;
    }

    @Override
    public String describe() {
        return where;
    }

    @Override
    public void close() {
        pool.close();
    }
}

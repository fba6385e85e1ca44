package chatroom.server.testing;

import chatroom.server.store.PostgresFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * New PostgreSQL databases with the server's schema already in place, copied from a template that Flyway migrated
 * once per test JVM. A node on a new empty database spends about a second migrating it; the two-node contract
 * run starts a cluster for every class and for every test of the per-test classes, so the copy (CREATE DATABASE …
 * TEMPLATE, a file copy inside PostgreSQL) saves that second each time. The node's own Flyway run then finds the
 * schema up to date.
 */
final class MigratedDatabases {

    private static final AtomicInteger COPIES = new AtomicInteger();
    private static String template;

    private MigratedDatabases() {
    }

    /** A new database of the shared {@link PostgresFixture}, migrated to the current schema; its JDBC URL. */
    static String copy() {
        PostgresFixture postgres = PostgresFixture.shared();
        String name = "chat_migrated_" + COPIES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(postgres.url("postgres"), "chat", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " TEMPLATE " + template(postgres));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy the migrated template database", e);
        }
        return postgres.url(name);
    }

    private static synchronized String template(PostgresFixture postgres) {
        if (template == null) {
            String url = postgres.newDatabase();
            // the same locations the server migrates from (store.PostgresDatabase); Flyway's connections close
            Flyway.configure().dataSource(url, "chat", "").locations("classpath:db/migration/postgresql")
                    .failOnMissingLocations(true).load().migrate();
            template = url.substring(url.lastIndexOf('/') + 1);
        }
        return template;
    }
}

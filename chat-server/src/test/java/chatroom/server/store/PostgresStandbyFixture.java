package chatroom.server.store;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * PostgreSQL with a standby, as a failover setup runs it: a primary and a streaming standby made
 * by {@code pg_basebackup -R}, replication <em>synchronous</em> ({@code synchronous_standby_names =
 * '*'}), so a commit the primary acknowledges is on the standby too. The test kills the primary
 * ({@code pg_ctl stop -m immediate}, a crash) and promotes the standby ({@code pg_ctl promote}), the
 * job of an operator or a tool such as Patroni. {@link #newDatabase} gives the multi-host URL the
 * nodes use. Both servers on free loopback ports in one temporary directory.
 */
public final class PostgresStandbyFixture implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int primaryPort;
    private final int standbyPort;

    private PostgresStandbyFixture(Path bin, Path dir) throws IOException {
        this.bin = bin;
        this.dir = dir;
        this.primaryPort = PostgresFixture.freePort();
        this.standbyPort = PostgresFixture.freePort();
    }

    public static PostgresStandbyFixture start() {
        Path bin = PostgresFixture.installed().orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed"));
        PostgresStandbyFixture fixture = null;
        try {
            fixture = new PostgresStandbyFixture(bin, Files.createTempDirectory("chat-pg-standby"));
            fixture.startBoth();
            return fixture;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (fixture != null) {
                fixture.close();
            }
            throw new IllegalStateException("cannot start PostgreSQL with a standby: " + e.getMessage(), e);
        }
    }

    private void startBoth() throws IOException, InterruptedException {
        PostgresFixture.run("chown", "-R", "postgres", dir.toString());
        PostgresFixture.asPostgres(bin.resolve("initdb").toString(), "-D", data("primary"), "-A", "trust", "-U", "chat",
                "-E", "UTF8", "--no-instructions");
        pgCtl("primary", primaryPort, "start");
        PostgresFixture.asPostgres(bin.resolve("pg_basebackup").toString(), "-D", data("standby"), "-R", "-X", "stream",
                "-c", "fast", "-h", "127.0.0.1", "-p", String.valueOf(primaryPort), "-U", "chat");
        pgCtl("standby", standbyPort, "start");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> replicationState().equals("streaming"));
        // synchronous from here on: the primary's commit waits until the standby has it
        primary("ALTER SYSTEM SET synchronous_standby_names = '*'");
        primary("SELECT pg_reload_conf()");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> query("SELECT sync_state FROM pg_stat_replication").equals("sync"));
    }

    /** A new, empty database (made on the primary, replicated); returns the URL listing both servers. */
    public String newDatabase(String name) {
        primary("CREATE DATABASE " + name);
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + ",127.0.0.1:" + standbyPort + "/" + name
                + "?targetServerType=primary";
    }

    /** Kills the primary as a crash does ({@code pg_ctl stop -m immediate}). */
    public void killPrimary() {
        try {
            PostgresFixture.asPostgres(bin.resolve("pg_ctl").toString(), "-D", data("primary"), "-m", "immediate", "-w",
                    "stop");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot stop the primary: " + e.getMessage(), e);
        }
    }

    /** Promotes the standby to primary ({@code pg_ctl promote}, waiting until it accepts writes). */
    public void promoteStandby() {
        try {
            PostgresFixture.asPostgres(bin.resolve("pg_ctl").toString(), "-D", data("standby"), "-w", "promote");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot promote the standby: " + e.getMessage(), e);
        }
    }

    private String replicationState() {
        return query("SELECT state FROM pg_stat_replication");
    }

    private String query(String sql) {
        try (Connection c = DriverManager.getConnection(url(primaryPort, "postgres"), "chat", "");
             Statement st = c.createStatement(); ResultSet rows = st.executeQuery(sql)) {
            return rows.next() ? String.valueOf(rows.getString(1)) : "";
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void primary(String sql) {
        try (Connection c = DriverManager.getConnection(url(primaryPort, "postgres"), "chat", "");
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String url(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private String data(String server) {
        return dir.resolve(server).toString();
    }

    private void pgCtl(String server, int port, String action) throws IOException, InterruptedException {
        PostgresFixture.asPostgres(bin.resolve("pg_ctl").toString(), "-D", data(server), "-w", "-l",
                dir.resolve(server + ".log").toString(), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c max_connections=200", action);
    }

    @Override
    public void close() {
        for (String server : new String[] {"primary", "standby"}) {
            if (Files.isDirectory(dir.resolve(server))) {
                try {
                    PostgresFixture.asPostgres(bin.resolve("pg_ctl").toString(), "-D", data(server), "-m", "immediate",
                            "-w", "stop");
                } catch (IOException | InterruptedException e) {
                    // not running (killed by the test); deleting the directory below ends it for good
                }
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}

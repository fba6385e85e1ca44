package chatroom.server.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, from Debian's {@code postgresql} package: a new cluster in a
 * temporary directory, listening on a free port of 127.0.0.1, stopped and deleted at the end.
 * PostgreSQL refuses to run as root, so as root it runs as the {@code postgres} user.
 */
public final class PostgresFixture implements AutoCloseable {

    private static final AtomicInteger databases = new AtomicInteger();

    private final Path bin;
    private final Path dir;
    private final int port;

    private PostgresFixture(Path bin) throws IOException, InterruptedException {
        this.bin = bin;
        this.dir = Files.createTempDirectory("chat-pg");
        this.port = freePort();
        run("chown", "-R", "postgres", dir.toString());
        asPostgres(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "chat",
                "-E", "UTF8", "--no-instructions");
        serverStart();
    }

    private void serverStart() throws IOException, InterruptedException {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-l",
                dir.resolve("log").toString(), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c max_connections=200", "start");
    }

    /**
     * Stops the server as an operator's restart does ({@code pg_ctl stop -m fast}: open transactions
     * are rolled back, every connection is closed); {@link #startAgain} brings it back on the same port.
     * Only for a fixture of the test's own ({@link #start}), never the {@link #shared} one.
     */
    public void stopFast() {
        try {
            asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w",
                    "stop");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot stop PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Starts the server again after {@link #stopFast}, with its data, on the same port. */
    public void startAgain() {
        try {
            serverStart();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot start PostgreSQL again: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** The binaries of the installed PostgreSQL, if any ({@code /usr/lib/postgresql/N/bin}). */
    public static Optional<Path> installed() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static PostgresFixture shared;

    /**
     * The PostgreSQL of this test JVM, started on first use and stopped when the JVM exits; a test
     * that needs one calls {@link #assumeInstalled} first and takes a {@link #newDatabase} of its own.
     */
    public static synchronized PostgresFixture shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "postgres-fixture-stop"));
        }
        return shared;
    }

    /** Skips the calling test where PostgreSQL is not installed (.ci/run installs it). */
    public static void assumeInstalled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(installed().isPresent(),
                "needs Debian's postgresql package (.ci/run installs it)");
    }

    public static PostgresFixture start() {
        Path bin = installed().orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed"));
        try {
            return new PostgresFixture(bin);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** A new, empty database; returns its JDBC URL. */
    public String newDatabase() {
        String name = "chat_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), "chat", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        try {
            asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w",
                    "stop");
        } catch (IOException | InterruptedException e) {
            // deleting the directory below ends it for good
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs {@code command} as the {@code postgres} user when this JVM runs as root (PostgreSQL refuses root). */
    static void asPostgres(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (root()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        run(line.toArray(String[]::new));
    }

    static void run(String... command) throws IOException, InterruptedException {
        if (!root() && command[0].equals("chown")) {
            return;
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package chatroom.server.testing;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redis with automatic failover, as a production cluster runs it: a master, a replica of it
 * ({@code --replicaof}) and one Sentinel (quorum 1) that promotes the replica when the master is
 * gone for {@link #DOWN_AFTER}. All on free loopback ports, in a temporary directory, without
 * persistence. {@link #uri()} is the Sentinel URI a node is given ({@code redis-sentinel://…}).
 */
public final class RedisSentinelFixture implements AutoCloseable {

    /** The name the Sentinel knows the master by. */
    public static final String MASTER_ID = "chat";
    /** How long the master must be unreachable before the Sentinel calls it down. */
    static final Duration DOWN_AFTER = Duration.ofMillis(1000);

    private final Path dir;
    private final int masterPort;
    private final int replicaPort;
    private final int sentinelPort;
    /** A port no Sentinel listens on, listed in {@link #uri()} before the real one. */
    private final int absentSentinelPort;
    private final List<Process> processes = new ArrayList<>();
    private Process master;

    private RedisSentinelFixture(Path dir) throws IOException {
        this.dir = dir;
        this.masterPort = freePort();
        this.replicaPort = freePort();
        this.sentinelPort = freePort();
        this.absentSentinelPort = freePort();
    }

    /** Starts the master, the replica (in sync) and the Sentinel (watching both). */
    public static RedisSentinelFixture start() {
        RedisFixture.assumeInstalled();
        RedisSentinelFixture fixture;
        try {
            fixture = new RedisSentinelFixture(Files.createTempDirectory("chat-sentinel"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Sentinel fixture", e);
        }
        try {
            fixture.startAll();
            return fixture;
        } catch (RuntimeException | IOException e) {
            fixture.close();
            throw new IllegalStateException("cannot start the Sentinel fixture: " + e.getMessage(), e);
        }
    }

    private void startAll() throws IOException {
        master = redis("master", "--port", String.valueOf(masterPort));
        redis("replica", "--port", String.valueOf(replicaPort), "--replicaof", "127.0.0.1", String.valueOf(masterPort));
        await().atMost(Duration.ofSeconds(20)).until(() -> info(masterPort, "replication")
                .contains("port=" + replicaPort + ",state=online"));
        Path conf = dir.resolve("sentinel.conf"); // the Sentinel rewrites it: its own file
        Files.writeString(conf, String.join("\n",
                "port " + sentinelPort,
                "bind 127.0.0.1",
                "dir " + dir,
                "sentinel monitor " + MASTER_ID + " 127.0.0.1 " + masterPort + " 1",
                "sentinel down-after-milliseconds " + MASTER_ID + " " + DOWN_AFTER.toMillis(),
                "sentinel failover-timeout " + MASTER_ID + " 5000",
                "sentinel parallel-syncs " + MASTER_ID + " 1",
                ""));
        processes.add(started("sentinel", RedisFixture.SERVER.toString(), conf.toString(), "--sentinel"));
        awaitListening(sentinelPort);
        // the Sentinel must know the replica before the master goes, or it has no one to promote
        await().atMost(Duration.ofSeconds(30)).until(() -> withSentinel(s -> s.sync().replicas(MASTER_ID).stream()
                .anyMatch(r -> String.valueOf(replicaPort).equals(r.get("port")) && !r.get("flags").contains("down"))));
    }

    /**
     * The URI of the Sentinels, as {@code --cluster} takes it: first one that does not answer, then
     * the live Sentinel (the comma-separated list form; a client has to skip the first one).
     */
    public String uri() {
        return "redis-sentinel://127.0.0.1:" + absentSentinelPort + ",127.0.0.1:" + sentinelPort
                + "/?sentinelMasterId=" + MASTER_ID;
    }

    /** The port of the current master, as the Sentinel reports it. */
    public int masterPort() {
        return withSentinel(s -> ((InetSocketAddress) s.sync().getMasterAddrByName(MASTER_ID)).getPort());
    }

    public int replicaPort() {
        return replicaPort;
    }

    /** Kills the master (SIGKILL) and waits until the Sentinel has promoted the replica. */
    public void killMasterAndAwaitFailover() {
        int old = masterPort;
        master.destroyForcibly();
        try {
            master.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> masterPort() != old && info(replicaPort, "replication").contains("role:master"));
    }

    /** The sum of the integer values of the keys matching {@code pattern}, read on the current master. */
    public long sumOnMaster(String pattern) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", masterPort()));
        try (var connection = client.connect()) {
            long sum = 0;
            for (String key : connection.sync().keys(pattern)) {
                sum += Long.parseLong(connection.sync().get(key));
            }
            return sum;
        } finally {
            RedisFixture.shutdown(client);
        }
    }

    private interface SentinelCall<T> {
        T apply(StatefulRedisSentinelConnection<String, String> connection);
    }

    private <T> T withSentinel(SentinelCall<T> call) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", sentinelPort));
        try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel()) {
            return call.apply(connection);
        } finally {
            RedisFixture.shutdown(client);
        }
    }

    private static String info(int port, String section) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        try (var connection = client.connect()) {
            return connection.sync().info(section);
        } finally {
            RedisFixture.shutdown(client);
        }
    }

    private Process redis(String name, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(RedisFixture.SERVER.toString(), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        command.addAll(List.of(options));
        Process process = started(name, command.toArray(String[]::new));
        processes.add(process);
        awaitListening(Integer.parseInt(options[1]));
        return process;
    }

    private Process started(String name, String... command) throws IOException {
        return new ProcessBuilder(command).redirectOutput(dir.resolve(name + ".log").toFile())
                .redirectErrorStream(true).start();
    }

    private static void awaitListening(int port) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (Process process : processes) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}

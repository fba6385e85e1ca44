package chatroom.server.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis (Debian's {@code redis-server}; .ci/run installs it) on a free loopback port, in a
 * temporary directory, without persistence: a restart starts it empty, as after a crash.
 */
public final class RedisFixture implements AutoCloseable {

    public static final Path SERVER = Path.of("/usr/bin/redis-server");

    private final Path dir;
    private final int port;
    private Process process;

    private RedisFixture(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(SERVER), "redis-server is not installed (apt-get install redis-server)");
    }

    public static RedisFixture start() {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            RedisFixture redis = new RedisFixture(Files.createTempDirectory("chat-redis"), port);
            redis.startProcess();
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        }
    }

    /**
     * Shuts down a test's own client and its threads. The quiet period is not zero for the reason
     * {@code RedisCluster} gives: a channel registered by a loop's last tasks would never be released.
     */
    public static void shutdown(RedisClient client) {
        client.shutdown(Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops Redis (like a crash: nothing kept) and starts it again on the same port. */
    public void restart() {
        stop();
        startProcess();
    }

    /** Freezes Redis (SIGSTOP): connections stay open and commands hang, as behind a cut network. */
    public void pause() {
        signal("-STOP");
    }

    /** Lets a paused Redis run again (SIGCONT). */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot signal redis-server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private void startProcess() {
        try {
            process = new ProcessBuilder(SERVER.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    break;
                }
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    @Override
    public void close() {
        stop();
        TempDirectories.deleteRecursively(dir);
    }
}

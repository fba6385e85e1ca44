package chatroom.server.testing;

import chatroom.server.store.PostgresFixture;
import java.nio.file.Path;

/**
 * Two packaged server processes ({@link ServerProcess#startClusterNode}) forming a cluster, as the
 * failover and pause ITs run them: one new database of the shared {@link PostgresFixture}, a Redis
 * of their own, node ids {@code a} and {@code b}. Closing kills both processes, then stops Redis.
 *
 * <pre>{@code
 * try (TwoNodeProcesses cluster = TwoNodeProcesses.start(dataA, dataB)) {
 *     cluster.a().pause();
 *     ...
 * }
 * }</pre>
 */
public record TwoNodeProcesses(ServerProcess a, ServerProcess b, RedisFixture redis) implements AutoCloseable {

    /** Starts Redis and both nodes; skips the test (an assumption) where PostgreSQL or Redis is not installed. */
    public static TwoNodeProcesses start(Path dataA, Path dataB) throws Exception {
        TwoNodeCluster.assumeInstalled();
        String url = PostgresFixture.shared().newDatabase();
        RedisFixture redis = RedisFixture.start();
        ServerProcess a = null;
        try {
            a = ServerProcess.startClusterNode("a", dataA, url, redis.uri());
            return new TwoNodeProcesses(a, ServerProcess.startClusterNode("b", dataB, url, redis.uri()), redis);
        } catch (Exception | Error e) {
            if (a != null) {
                a.process().destroyForcibly();
            }
            redis.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stop(a);
        } finally {
            try {
                stop(b);
            } finally {
                redis.close();
            }
        }
    }

    private static void stop(ServerProcess node) throws Exception {
        try {
            if (node.process().isAlive()) {
                node.resume(); // a frozen (paused) process would outlive destroyForcibly's wait otherwise
            }
        } finally {
            node.process().destroyForcibly();
        }
    }
}

package chatroom.server.cluster;

import chatroom.server.config.ServerConfig;
import chatroom.server.testing.RedisFixture;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.TwoNodeCluster;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the cluster tests that start two nodes of their own for every test share: the data
 * directories, {@link #startCluster} (in a {@code @BeforeEach}, or in the test where each test sets
 * other limits) or, for tests that wire nodes their own way, {@link #started}; everything stopped
 * after each test, and the class skipped where PostgreSQL or Redis is not installed; and a
 * connection of the test's own to the cluster's Redis ({@link #redisCommands}), for tests that look
 * at what the nodes keep or call there.
 */
abstract class TwoNodeClusterTestBase {

    @TempDir
    Path dataA;
    @TempDir
    Path dataB;

    TwoNodeCluster cluster;
    RedisFixture redis;
    ServerFixture nodeA;
    ServerFixture nodeB;
    /** What {@link #started} was given, closed after the test in reverse order: nodes before what they use. */
    private final List<AutoCloseable> running = new ArrayList<>();
    private RedisClient redisClient;
    private StatefulRedisConnection<String, String> redisConnection;

    @BeforeAll
    static void needPostgresAndRedis() {
        TwoNodeCluster.assumeInstalled();
    }

    /** Starts Redis and nodes a and b on a new database, each node configured by {@code tweaks}. */
    void startCluster(UnaryOperator<ServerConfig.Builder> tweaks) {
        cluster = TwoNodeCluster.start(dataA, dataB, tweaks);
        redis = cluster.redis();
        nodeA = cluster.nodeA();
        nodeB = cluster.nodeB();
    }

    /** For tests that start nodes and services their own way: {@code service}, to be closed after the test. */
    <T extends AutoCloseable> T started(T service) {
        running.add(service);
        return service;
    }

    /** Commands on the cluster's Redis over a connection of the test's own, opened on first use. */
    RedisCommands<String, String> redisCommands() {
        if (redisConnection == null) {
            redisClient = RedisClient.create(redis.uri());
            redisConnection = redisClient.connect();
        }
        return redisConnection.sync();
    }

    /** How many times Redis has run {@code command} since it started ({@code INFO commandstats}). */
    long redisCalls(String command) {
        for (String line : redisCommands().info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":")) {
                return Long.parseLong(line.replaceFirst("^cmdstat_" + command + ":calls=(\\d+),.*$", "$1"));
            }
        }
        return 0;
    }

    /** Closes the connection of {@link #redisCommands}, as before a Redis restart; the next use opens another. */
    void disconnectRedis() {
        if (redisConnection != null) {
            redisConnection.close();
            RedisFixture.shutdown(redisClient);
            redisConnection = null;
            redisClient = null;
        }
    }

    @AfterEach
    void stopCluster() throws Exception {
        disconnectRedis();
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}

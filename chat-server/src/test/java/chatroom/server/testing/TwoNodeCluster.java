package chatroom.server.testing;

import chatroom.server.config.ServerConfig;
import chatroom.server.store.PostgresFixture;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Two nodes in cluster mode, as the cluster tests run them: one new PostgreSQL database (from the
 * shared {@link PostgresFixture}), one Redis of their own ({@link RedisFixture}), node ids {@code a}
 * and {@code b}, an HTTP port each. Closing it stops whatever of it still runs.
 */
public final class TwoNodeCluster implements AutoCloseable {

    private final RedisFixture redis;
    private final String databaseUrl;
    private ServerFixture nodeA;
    private ServerFixture nodeB;

    private TwoNodeCluster(RedisFixture redis, String databaseUrl) {
        this.redis = redis;
        this.databaseUrl = databaseUrl;
    }

    /** Skips the test (an assumption, reported as skipped) where PostgreSQL or Redis is not installed. */
    public static void assumeInstalled() {
        PostgresFixture.assumeInstalled();
        RedisFixture.assumeInstalled();
    }

    /** Starts Redis and both nodes, each configured by {@code tweaks} after the cluster settings. */
    public static TwoNodeCluster start(Path dataA, Path dataB, UnaryOperator<ServerConfig.Builder> tweaks) {
        return start(PostgresFixture.shared().newDatabase(), dataA, dataB, tweaks);
    }

    /** Starts Redis and both nodes on the database {@code databaseUrl} (empty, or already migrated). */
    public static TwoNodeCluster start(String databaseUrl, Path dataA, Path dataB,
            UnaryOperator<ServerConfig.Builder> tweaks) {
        TwoNodeCluster cluster = new TwoNodeCluster(RedisFixture.start(), databaseUrl);
        try {
            cluster.nodeA = node(dataA, cluster.databaseUrl, cluster.redis.uri(), "a", tweaks);
            cluster.nodeB = node(dataB, cluster.databaseUrl, cluster.redis.uri(), "b", tweaks);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** One cluster node on {@code databaseUrl} and {@code redisUri}, for tests that wire nodes their own way. */
    public static ServerFixture node(Path dataDir, String databaseUrl, String redisUri, String nodeId,
            UnaryOperator<ServerConfig.Builder> tweaks) {
        return new ServerFixture(dataDir, b -> tweaks.apply(b.store(new ServerConfig.StoreLocation(databaseUrl, "chat", ""))
                .cluster(new ServerConfig.Cluster(redisUri, nodeId, 100)).httpPort(0)));
    }

    public ServerFixture nodeA() {
        return nodeA;
    }

    public ServerFixture nodeB() {
        return nodeB;
    }

    public RedisFixture redis() {
        return redis;
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    /** Stops node a in the middle of a test (its clients see the connection close). */
    public void stopNodeA() {
        if (nodeA != null) {
            nodeA.close();
            nodeA = null;
        }
    }

    /** Stops node b in the middle of a test. */
    public void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
            nodeB = null;
        }
    }

    @Override
    public void close() {
        stopNodeA();
        stopNodeB();
        redis.close();
    }
}

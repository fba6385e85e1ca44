package chatroom.server.cluster;

import chatroom.server.config.ServerConfig;
import chatroom.server.testing.RedisFixture;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.TwoNodeCluster;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the cluster tests that start a {@link TwoNodeCluster} of their own for every test share: the
 * data directories, {@link #startCluster} (in a {@code @BeforeEach}, or in the test where each test
 * sets other limits), the cluster stopped after each test, and the class skipped where PostgreSQL or
 * Redis is not installed.
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

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }
}

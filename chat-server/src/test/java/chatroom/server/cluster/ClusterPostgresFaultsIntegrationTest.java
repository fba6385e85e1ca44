package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chatroom.server.store.PostgresFixture;
import chatroom.server.store.PostgresStandbyFixture;
import chatroom.server.testing.RedisFixture;
import chatroom.server.testing.SteadySenders;
import chatroom.server.testing.TwoNodeCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away under load on a running two-node cluster whose nodes have a multi-host URL
 * ({@code targetServerType=primary}): restarted on the same port, or its primary killed and a
 * synchronous standby promoted. Sends during the outage answer {@code internal} ("try again")
 * within the pool's wait ({@code --store-connection-timeout-ms}) and are sent again with their
 * {@code cid}; nothing unacknowledged is stored, every acknowledged message is stored once at its
 * seq, readers on both nodes see every seq once, in order, and the nodes serve again without a
 * restart.
 */
class ClusterPostgresFaultsIntegrationTest extends TwoNodeClusterTestBase {

    private static final String ROOM = "重启";
    private static final Duration PACE = Duration.ofMillis(20);
    /** {@code --store-connection-timeout-ms}: how long a request waits for a connection before it answers internal. */
    private static final int POOL_WAIT_MS = 1000;

    @Test
    void postgresRestartedUnderLoad_sendsAnswerTryAgain_nothingAcknowledgedLostOrDoubled_nodesServeAgain()
            throws Exception {
        PostgresFixture postgres = started(PostgresFixture.start()); // its own: the shared one must not restart
        String url = postgres.newDatabase();
        // the first host is down for good: the driver skips it for the one that is primary
        String multiHost = url.replace("127.0.0.1:" + postgres.port(),
                "127.0.0.1:" + portNobodyListensOn() + ",127.0.0.1:" + postgres.port()) + "?targetServerType=primary";
        int total = underLoad(multiHost, postgres::stopFast, postgres::startAgain, "restart");
        assertThat(total).isPositive();
    }

    @Test
    void primaryKilledUnderLoad_standbyPromoted_nodesContinueOnIt_nothingAcknowledgedLost() throws Exception {
        PostgresStandbyFixture postgres = started(PostgresStandbyFixture.start());
        String url = postgres.newDatabase("chat_failover");
        int total = underLoad(url, postgres::killPrimary, postgres::promoteStandby, "failover");
        assertThat(total).isPositive();
    }

    /**
     * Two nodes on {@code url}, readers and writers on both; {@code fault} under load, held until
     * sends have answered internal for longer than the pool's wait, then {@code recovery}; checks
     * what is promised and returns how many messages were acknowledged.
     */
    private int underLoad(String url, Runnable fault, Runnable recovery, String what) throws Exception {
        redis = started(RedisFixture.start());
        nodeA = started(TwoNodeCluster.node(dataA, url, redis.uri(), "a", b -> b.rate(100_000).burst(100_000)
                .storeConnectionTimeoutMs(POOL_WAIT_MS)));
        nodeB = started(TwoNodeCluster.node(dataB, url, redis.uri(), "b", b -> b.rate(100_000).burst(100_000)
                .storeConnectionTimeoutMs(POOL_WAIT_MS)));
        SteadySenders.OnBothNodes load = SteadySenders.onBothNodes(nodeA, nodeB, ROOM, PACE);
        SteadySenders senders = load.senders();
        senders.awaitMoreAcks(15, Duration.ofSeconds(20));
        fault.run();
        // the outage is seen on both nodes: their writes failed, /health says so (503)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> nodeA.health().statusCode() == 503 && nodeB.health().statusCode() == 503);
        // held down longer than the pool's wait: sends answer "try again" within it, and are sent again
        int before = senders.triedAgain();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> senders.triedAgain() >= before + 4);
        recovery.run();
        senders.awaitMoreAcks(15, Duration.ofSeconds(40));
        int total = senders.stop();

        senders.assertReceivedInOrder(load.readerA(), total, Duration.ofSeconds(20));
        senders.assertReceivedInOrder(load.readerB(), total, Duration.ofSeconds(20));
        senders.assertStoredOnceEach(load.readerA());
        // both nodes serve again without a restart: a new account, a new room, healthy
        nodeB.user("后来者").ok("join", "room", what.equals("restart") ? "重启之后" : "切换之后");
        assertThat(nodeA.health().statusCode()).isEqualTo(200);
        assertThat(nodeB.health().statusCode()).isEqualTo(200);
        System.out.println("ClusterPostgresFaultsIntegrationTest: " + total + " acknowledged across the " + what
                + ", " + senders.triedAgain() + " sends answered internal and were sent again");
        return total;
    }

    private static int portNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

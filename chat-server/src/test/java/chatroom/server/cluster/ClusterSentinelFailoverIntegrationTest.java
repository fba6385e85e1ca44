package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chatroom.server.store.PostgresFixture;
import chatroom.server.testing.RedisSentinelFixture;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.SteadySenders;
import chatroom.server.testing.TwoNodeCluster;
import chatroom.server.testing.WireClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on a Redis run by Sentinel ({@code --cluster redis-sentinel://…}): the master is killed
 * under load, the Sentinel promotes the replica, and both nodes follow it, every one of their
 * connections (subscription, commands, counters). Nothing acknowledged is lost, readers on both
 * nodes get every seq once and in order, and delivery across nodes works live again.
 */
class ClusterSentinelFailoverIntegrationTest extends TwoNodeClusterTestBase {

    private static final String ROOM = "哨兵";
    private static final Duration PACE = Duration.ofMillis(20);

    @Test
    void masterKilledUnderLoad_nodesFollowThePromotedReplica_nothingAcknowledgedLost_deliveryLiveAgain()
            throws Exception {
        RedisSentinelFixture sentinel = started(RedisSentinelFixture.start());
        String database = PostgresFixture.shared().newDatabase();
        nodeA = started(TwoNodeCluster.node(dataA, database, sentinel.uri(), "a", b -> b.rate(100_000).burst(100_000)));
        nodeB = started(TwoNodeCluster.node(dataB, database, sentinel.uri(), "b", b -> b.rate(100_000).burst(100_000)));
        SteadySenders.OnBothNodes load = SteadySenders.onBothNodes(nodeA, nodeB, ROOM, PACE);
        SteadySenders senders = load.senders();
        senders.awaitMoreAcks(20, Duration.ofSeconds(20));
        int oldMaster = sentinel.masterPort();
        sentinel.killMasterAndAwaitFailover();
        assertThat(sentinel.masterPort()).as("the Sentinel promoted the replica").isEqualTo(sentinel.replicaPort())
                .isNotEqualTo(oldMaster);
        senders.awaitMoreAcks(20, Duration.ofSeconds(20));
        int total = senders.stop();

        // live across nodes again: with nothing sent on node b to reveal a gap, only Redis brings it there
        await().atMost(Duration.ofSeconds(30)).until(() -> clusterReachable(nodeA) && clusterReachable(nodeB));
        long probe = senders.sendOne(load.writerA(), "probe-after-failover");
        assertThat(probe).isEqualTo(total + 1);
        senders.assertReceivedInOrder(load.readerB(), total + 1, Duration.ofSeconds(10));
        senders.assertReceivedInOrder(load.readerA(), total + 1, Duration.ofSeconds(10));
        senders.assertStoredOnceEach(load.readerB());

        // the commands connection follows too: the shared counters count in the new master
        long registrations = sentinel.sumOnMaster("chatroom:limit:register:*");
        WireClient newcomer = nodeB.connect();
        assertThat(newcomer.register("新来的", "password-新来的").path("type").asText()).isEqualTo("ok");
        assertThat(sentinel.sumOnMaster("chatroom:limit:register:*")).isEqualTo(registrations + 1);
        System.out.println("ClusterSentinelFailoverIntegrationTest: " + (total + 1)
                + " acknowledged across the failover from port " + oldMaster + " to " + sentinel.replicaPort());
    }

    private static boolean clusterReachable(ServerFixture node) throws Exception {
        return !node.health().body().contains("\"cluster\":{\"state\":\"unreachable\"");
    }
}

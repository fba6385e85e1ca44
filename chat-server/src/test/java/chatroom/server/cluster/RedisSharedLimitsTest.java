package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.RedisFixture;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis scripts behind the cluster's tallies ({@link RedisTallies}) and checks in flight
 * ({@link RedisCheckSlots}), on a real Redis with two nodes' counters: sums over live nodes only,
 * all-or-none places that only their holder frees, and what a restarted Redis gets back.
 */
class RedisSharedLimitsTest {

    private static RedisFixture redis;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private RedisCounters nodeA;
    private RedisCounters nodeB;

    @BeforeAll
    static void startRedis() {
        RedisFixture.assumeInstalled();
        redis = RedisFixture.start();
        client = RedisClient.create(redis.uri());
        connection = client.connect();
    }

    @AfterAll
    static void stopRedis() {
        if (connection != null) {
            connection.close();
            RedisFixture.shutdown(client);
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void twoLiveNodes() {
        sync().flushall();
        long now = System.currentTimeMillis();
        sync().zadd(RedisCluster.NODES, now, "a");
        sync().zadd(RedisCluster.NODES, now, "b");
        nodeA = new RedisCounters(connection, "a", System::currentTimeMillis);
        nodeB = new RedisCounters(connection, "b", System::currentTimeMillis);
        nodeA.nodesSeen(2);
        nodeB.nodesSeen(2);
    }

    private static RedisCommands<String, String> sync() {
        return connection.sync();
    }

    @Test
    void addIfUnder_sumsTheLiveNodes_andAddsOnlyWithinTheLimit() {
        for (int i = 0; i < 3; i++) {
            nodeA.add("conns", "10.0.0.1", 1);
        }
        assertThat(nodeB.addIfUnder("conns", "10.0.0.1", 1, 4).join()).isTrue();
        assertThat(nodeB.addIfUnder("conns", "10.0.0.1", 1, 4).join()).as("3 on a, 1 on b, cap 4").isFalse();
        assertThat(nodeB.addIfUnder("conns", "10.0.0.2", 1, 4).join()).as("another field").isTrue();
        nodeA.add("conns", "10.0.0.1", -1);
        assertThat(nodeB.addIfUnder("conns", "10.0.0.1", 1, 4).join()).as("one closed on a").isTrue();
        assertThat(sync().hget(RedisTallies.PREFIX + "conns:b", "10.0.0.1")).isEqualTo("2");
    }

    @Test
    void addIfUnder_leavesOutANodeThatStoppedBeating() {
        nodeA.add("uploads", "alice", 900);
        sync().zadd(RedisCluster.NODES, System.currentTimeMillis() - RedisCluster.NODE_TTL.toMillis() - 1000, "a");
        assertThat(nodeB.addIfUnder("uploads", "alice", 1000, 1000).join())
                .as("what node a held went with it").isTrue();
    }

    @Test
    void aTallyGivenBackToZero_leavesNoField() {
        nodeA.add("conns", "10.0.0.1", 1);
        nodeA.add("conns", "10.0.0.1", -1);
        assertThat(nodeA.addIfUnder("conns", "10.0.0.9", 1, 1).join()).isTrue(); // ordered after the adds
        assertThat(sync().hexists(RedisTallies.PREFIX + "conns:a", "10.0.0.1")).isFalse();
        assertThat(sync().pttl(RedisTallies.PREFIX + "conns:a")).isPositive();
    }

    @Test
    void heartbeat_afterRedisLostEverything_writesThisNodesTalliesBack() {
        nodeA.add("conns", "10.0.0.1", 2);
        nodeA.add("uploads", "用户", 4096);
        assertThat(nodeA.addIfUnder("conns", "10.0.0.2", 1, 5).join()).isTrue();
        sync().flushall();
        nodeA.tallies().heartbeat(sync());
        assertThat(sync().hgetall(RedisTallies.PREFIX + "conns:a")).isEqualTo(Map.of("10.0.0.1", "2", "10.0.0.2", "1"));
        assertThat(sync().hget(RedisTallies.PREFIX + "uploads:a", "用户")).isEqualTo("4096");
    }

    @Test
    void occupy_oneHolderPerAccount_freedOnlyByItsHolder() {
        Map<String, Integer> slots = Map.of("account:目标", 1, "address:10.0.0.1", 2);
        Duration longest = Duration.ofSeconds(30);
        assertThat(nodeA.occupy("first", slots, 3000, longest).join()).isZero();
        long wait = nodeB.occupy("second", Map.of("account:目标", 1, "address:10.0.0.2", 2), 100, longest).join();
        assertThat(wait).as("the account is being checked on node a for 3 s").isBetween(1L, 3000L);
        assertThat(sync().zcard(RedisCheckSlots.PREFIX + "address:10.0.0.2")).as("all or none").isZero();

        nodeB.vacate("second", List.of("account:目标"));
        assertThat(nodeB.occupy("third", Map.of("account:目标", 1), 100, longest).join()).isPositive();
        nodeA.vacate("first", slots.keySet());
        assertThat(nodeB.occupy("third", Map.of("account:目标", 1), 100, longest).join()).isZero();
    }

    @Test
    void occupy_anAddressAllowsItsNumberOfChecks() {
        Duration longest = Duration.ofSeconds(30);
        assertThat(nodeA.occupy("1", Map.of("address:10.0.0.1", 2), 100, longest).join()).isZero();
        assertThat(nodeB.occupy("2", Map.of("address:10.0.0.1", 2), 100, longest).join()).isZero();
        assertThat(nodeB.occupy("3", Map.of("address:10.0.0.1", 2), 100, longest).join()).isPositive();
    }

    @Test
    void occupy_dropsAHolderOverdueByTheLongestCheck() {
        // every node allows the same overrun; a holder expected done 10 ms ago, with no allowance, is
        // taken to have crashed
        assertThat(nodeA.occupy("crashed", Map.of("account:目标", 1), -10, Duration.ZERO).join()).isZero();
        assertThat(nodeB.occupy("next", Map.of("account:目标", 1), 100, Duration.ZERO).join()).isZero();
        assertThat(nodeA.occupy("after", Map.of("account:目标", 1), 100, Duration.ZERO).join())
                .as("the live holder is not dropped").isPositive();
    }
}

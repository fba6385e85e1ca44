package chatroom.server.cluster;

import chatroom.server.testing.RedisFixture;
import chatroom.server.testing.ServerFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The abuse limits hold for a cluster as a whole (issue 21): an attacker who alternates between two
 * nodes of one Redis and one PostgreSQL gets no more registrations and no faster password guesses
 * than on one node; with Redis gone, each node limits on its own, by a share of the limit.
 */
class ClusterLimitsIntegrationTest extends TwoNodeClusterTestBase {

    @Test
    void registrationsAlternatingNodes_getNoMoreThanTheLimitOfOneNode() {
        startCluster(b -> b.registrationsPerMinute(3));
        ServerFixture[] nodes = {nodeA, nodeB};
        for (int i = 0; i < 3; i++) {
            nodes[i % 2].connect().ok("register", "user", "用户" + i, "password", "password-" + i);
        }
        ObjectNode fourth = nodeB.connect().request("register", "user", "用户3", "password", "password-3");
        assertThat(fourth.path("code").asText()).as("4th registration from one address, via node b: %s", fourth)
                .isEqualTo("rate_limited");
        assertThat(fourth.path("retry_after_ms").asLong()).isPositive();
    }

    @Test
    void passwordGuessesAlternatingNodes_areHeldBackAsOnOneNode() {
        startCluster(b -> b.loginFailuresBeforeDelay(2).loginAddressFailuresBeforeDelay(1000)
                .loginFirstDelayMs(3000).loginMaxDelayS(3));
        nodeA.connect().register("target", "right-password");
        ServerFixture[] nodes = {nodeA, nodeB};
        for (int i = 0; i < 2; i++) {
            assertThat(nodes[i % 2].connect().error("login", "user", "target", "password", "guess-" + i))
                    .isEqualTo("bad_credentials");
        }
        // the third guess is the first past the threshold on one node: it waits firstDelay
        long started = System.nanoTime();
        assertThat(nodeA.connect().error("login", "user", "target", "password", "guess-2"))
                .isEqualTo("bad_credentials");
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(tookMs).as("third guess, on node a after one guess on each node").isGreaterThanOrEqualTo(2900);
    }

    @Test
    void redisHanging_costsOneCommandTimeout_notOneForEveryRegistration() {
        startCluster(b -> b.registrationsPerMinute(100));
        nodeA.connect().ok("register", "user", "before", "password", "password-before");
        redis.pause();
        try {
            nodeA.connect().ok("register", "user", "first", "password", "password-first"); // waits out the timeout
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                nodeA.connect().ok("register", "user", "next-" + i, "password", "password-next-" + i);
                long tookMs = (System.nanoTime() - started) / 1_000_000;
                assertThat(tookMs).as("registration %d after the first timeout", i).isLessThan(1500);
            }
        } finally {
            redis.resume();
        }
    }

    @Test
    void redisKilled_eachNodeLimitsByItsShareOfTheLimit() {
        startCluster(b -> b.registrationsPerMinute(4));
        nodeA.connect().ok("register", "user", "before", "password", "password-before");
        nodeB.connect().ok("register", "user", "before-b", "password", "password-before-b");
        redis.stop();
        // two nodes were known: node a now allows 4 / 2 = 2 a minute on its own
        nodeA.connect().ok("register", "user", "during-1", "password", "password-during-1");
        nodeA.connect().ok("register", "user", "during-2", "password", "password-during-2");
        ObjectNode third = nodeA.connect().request("register", "user", "during-3", "password", "password-during-3");
        assertThat(third.path("code").asText()).as("3rd registration on node a while Redis is down: %s", third)
                .isEqualTo("rate_limited");
    }

    @Test
    void redisBack_countsForTheWholeClusterAgain() {
        startCluster(b -> b.registrationsPerMinute(1000));
        nodeA.connect().ok("register", "user", "before", "password", "password-before");
        redis.restart(); // killed and started empty: node a falls back at its next count
        int[] n = {0};
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            n[0]++;
            nodeA.connect().ok("register", "user", "again-" + n[0], "password", "password-again");
            return redisKeyExists("chatroom:limit:register:127.0.0.1");
        });
    }

    private boolean redisKeyExists(String key) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().exists(key) == 1;
        } finally {
            RedisFixture.shutdown(client);
        }
    }
}

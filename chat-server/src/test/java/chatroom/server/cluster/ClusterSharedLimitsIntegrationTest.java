package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chatroom.server.config.ServerConfig;
import chatroom.server.files.FileQuotas;
import chatroom.server.testing.RedisFixture;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The limits that bound what runs at once hold for a cluster as a whole (issue 21): one password
 * check in flight per account, the connections of one address, and the upload reservations of one
 * user's file quota. An attacker who spreads over two nodes gets no more than on one; with Redis
 * gone, each node falls back to its own rule (the password check) or to its share {@code 1/N} of
 * the limit (connections, uploads).
 */
class ClusterSharedLimitsIntegrationTest extends TwoNodeClusterTestBase {

    private static final int KIB = 1024;

    /** Then waits until both nodes know they are two ({@link #bothNodesKnowTheyAreTwo}). */
    @Override
    void startCluster(UnaryOperator<ServerConfig.Builder> limits) {
        super.startCluster(limits);
        bothNodesKnowTheyAreTwo();
    }

    // ---- one password check in flight per account ----

    /** The guesser failed once: its next attempt on node a waits 3 s, and holds the account meanwhile. */
    private static UnaryOperator<ServerConfig.Builder> slowSecondGuess() {
        return b -> b.loginFailuresBeforeDelay(1).loginAddressFailuresBeforeDelay(1000)
                .loginFirstDelayMs(3000).loginMaxDelayS(3);
    }

    @Test
    void passwordAttemptsOnBothNodes_oneCheckInFlightPerAccount_theOtherRateLimitedAtOnce() {
        startCluster(slowSecondGuess());
        nodeA.connect().register("目标", "right-password");
        assertThat(nodeA.connect().error("login", "user", "目标", "password", "guess-0")).isEqualTo("bad_credentials");
        WireClient held = nodeA.connect();
        held.sendRequest("held", "login", "user", "目标", "password", "guess-1");

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            long started = System.nanoTime();
            ObjectNode other = nodeB.connectFrom("127.0.0.2").request("login", "user", "目标", "password", "guess-2");
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(other.path("code").asText()).as("a check of the account runs on node a: %s", other)
                    .isEqualTo("rate_limited");
            assertThat(other.path("retry_after_ms").asLong()).isPositive();
            assertThat(tookMs).as("answered at once").isLessThan(1500);
        });
        assertThat(held.replyTo("held").path("code").asText()).isEqualTo("bad_credentials");
        // the check is over: the account is free again, on either node
        assertThat(nodeB.connectFrom("127.0.0.2").login("目标", "right-password").path("token").asText()).isNotEmpty();
    }

    @Test
    void passwordAttemptsWithRedisKilled_eachNodeKeepsItsOwnOneCheckInFlight() {
        startCluster(slowSecondGuess());
        nodeA.connect().register("目标", "right-password");
        redis.stop();
        assertThat(nodeA.connect().error("login", "user", "目标", "password", "guess-0")).isEqualTo("bad_credentials");
        WireClient held = nodeA.connect();
        held.sendRequest("held", "login", "user", "目标", "password", "guess-1");

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(nodeA.connectFrom("127.0.0.3").error("login", "user", "目标", "password", "guess-2"))
                        .as("node a's own rule still holds").isEqualTo("rate_limited"));
        assertThat(nodeB.connectFrom("127.0.0.2").error("login", "user", "目标", "password", "guess-3"))
                .as("node b does not know of node a's check (documented fallback)").isEqualTo("bad_credentials");
        assertThat(held.replyTo("held").path("code").asText()).isEqualTo("bad_credentials");
    }

    // ---- connections per address ----

    @Test
    void connectionsAlternatingNodes_getNoMoreThanThePerAddressCapInTotal() {
        startCluster(b -> b.maxConnectionsPerAddress(4));
        List<WireClient> opened = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            opened.add((i % 2 == 0 ? nodeA : nodeB).connectFrom("127.0.0.5"));
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(opened.stream().filter(WireClient::isClosed).count())
                        .as("connections from 127.0.0.5 refused, of 8 spread over two nodes, cap 4").isEqualTo(4));
        for (WireClient kept : opened.stream().filter(c -> !c.isClosed()).toList()) {
            kept.sendRequest("p", "ping");
            assertThat(kept.replyTo("p").path("type").asText()).isEqualTo("pong");
        }
        // another address is not affected, and a freed place can be taken again
        assertThat(nodeA.connectFrom("127.0.0.6").isClosed()).isFalse();
        opened.stream().filter(c -> !c.isClosed()).findFirst().orElseThrow().close();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            WireClient again = nodeB.connectFrom("127.0.0.5");
            again.sendRequest("p", "ping");
            assertThat(again.replyTo("p").path("type").asText()).isEqualTo("pong");
            assertThat(again.isClosed()).isFalse();
        });
    }

    @Test
    void connectionsWithRedisKilled_eachNodeAllowsItsShareOfTheCap() {
        startCluster(b -> b.maxConnectionsPerAddress(4));
        redis.stop();
        List<WireClient> onA = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            onA.add(nodeA.connectFrom("127.0.0.5"));
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(onA.stream().filter(WireClient::isClosed).count())
                        .as("3 connections on node a, cap 4 over 2 nodes: node a allows 2").isEqualTo(1));
    }

    // ---- upload reservations of the file quota ----

    private static UnaryOperator<ServerConfig.Builder> quotaOfOneMib() {
        return b -> b.fileQuotas(new FileQuotas(FileQuotas.MIB, 100 * FileQuotas.MIB, 0));
    }

    @Test
    void parallelUploadsOfOneUserOnBothNodes_cannotTogetherPassTheQuota() {
        startCluster(quotaOfOneMib());
        WireClient onA = nodeA.user("alice");
        WireClient onB = nodeB.connect();
        onB.login("alice", WireClient.passwordOf("alice"));

        filePut(onA, 600 * KIB);
        ObjectNode second = onB.request("file_put", "room", "lobby", "name", "第二.bin", "size", 600 * KIB,
                "sha256", "0".repeat(64));
        assertThat(second.path("code").asText()).as("600 KiB on node b while 600 KiB upload on node a, quota 1 MiB: %s",
                second).isEqualTo("quota_exceeded");
        filePut(onB, 400 * KIB); // what is left fits

        onA.close(); // node a's upload is abandoned: its reservation is given back
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(onB.request("file_put", "room", "lobby", "name", "第三.bin", "size", 600 * KIB,
                        "sha256", "0".repeat(64)).path("type").asText()).isEqualTo("ok"));
    }

    @Test
    void uploadsWithRedisKilled_eachNodeReservesItsShareOfWhatIsLeft() {
        startCluster(quotaOfOneMib());
        WireClient alice = nodeA.user("alice");
        redis.stop();
        ObjectNode big = alice.request("file_put", "room", "lobby", "name", "大.bin", "size", 600 * KIB,
                "sha256", "0".repeat(64));
        assertThat(big.path("code").asText()).as("600 KiB on node a with Redis down, half of 1 MiB left: %s", big)
                .isEqualTo("quota_exceeded");
        filePut(alice, 400 * KIB);
    }

    private static ObjectNode filePut(WireClient client, int size) {
        return client.ok("file_put", "room", "lobby", "name", "文件-" + size + ".bin", "size", size,
                "sha256", "0".repeat(64));
    }

    // ---- helpers ----

    /**
     * Both nodes are in the live set, and each has read it (a registration's count returns the
     * number of live nodes): otherwise the first node to start still believes it is alone.
     */
    private void bothNodesKnowTheyAreTwo() {
        await().atMost(Duration.ofSeconds(10)).until(() -> liveNodes() == 2);
        nodeA.connectFrom("127.0.0.9").register("见过甲", "password-seen-a");
        nodeB.connectFrom("127.0.0.9").register("见过乙", "password-seen-b");
    }

    private long liveNodes() {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().zcard("chatroom:nodes");
        } finally {
            RedisFixture.shutdown(client);
        }
    }
}

package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chatroom.server.store.PostgresFixture;
import chatroom.server.testing.CuttableProxy;
import chatroom.server.testing.RedisFixture;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.TwoNodeCluster;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis unreachable from one node only: node a talks to Redis through a {@link CuttableProxy},
 * node b directly. While a's link is cut, both nodes keep storing and acknowledging; b sees a's
 * users go offline once a's entry expires, and a limits registrations by its share of the limit.
 * When the link is back, each node's readers get what the
 * other stored meanwhile, from the store, in seq order, each seq once, and a's users are online
 * again on b.
 */
class ClusterRedisCutIntegrationTest extends TwoNodeClusterTestBase {

    private static final String ROOM = "断线";
    /** Cut off, node a counts registrations on its own and allows its share: 6 / 2 nodes = 3 a minute. */
    private static final int REGISTRATIONS_PER_MINUTE = 6;
    /** A node's online users outlive its last heartbeat by 15 s ({@code RedisCluster.NODE_TTL}), plus a heartbeat. */
    private static final Duration PRESENCE_TIMEOUT = Duration.ofSeconds(25);
    /** Lettuce reconnects with exponential backoff: after a cut of about 20 s, the next try may be that far off. */
    private static final Duration RECONNECT = Duration.ofSeconds(45);

    private CuttableProxy linkOfA;

    @BeforeEach
    void startCluster() {
        redis = started(RedisFixture.start());
        linkOfA = started(CuttableProxy.start(redis.port()));
        String url = PostgresFixture.shared().newDatabase();
        nodeA = started(node(dataA, url, "a", "redis://127.0.0.1:" + linkOfA.port()));
        nodeB = started(node(dataB, url, "b", redis.uri()));
    }

    private static ServerFixture node(Path dataDir, String url, String id, String redisUri) {
        return TwoNodeCluster.node(dataDir, url, redisUri, id,
                b -> b.rate(100_000).burst(100_000).registrationsPerMinute(REGISTRATIONS_PER_MINUTE));
    }

    @Test
    void redisCutFromOneNode_bothKeepAcknowledging_andAfterTheCutEachReaderGetsEverySeqOnceInOrder() throws Exception {
        WireClient alice = nodeA.user("alice");
        WireClient readerA = nodeA.user("reader-a");
        WireClient bob = nodeB.user("bob");
        WireClient readerB = nodeB.user("reader-b");
        alice.ok("join", "room", ROOM);
        readerA.ok("join", "room", ROOM);
        for (WireClient onB : List.of(bob, readerB)) {
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> onB.ok("join", "room", ROOM) != null);
        }
        alice.ok("send", "room", ROOM, "text", "before the cut");
        assertThat(readerB.messageIn(ROOM).path("seq").asLong()).isEqualTo(1);
        assertThat(readerA.messageIn(ROOM).path("seq").asLong()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(bob.ok("users").path("users").toString()).contains("\"alice\""));

        linkOfA.cut();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(health(nodeA)).contains("\"status\":\"degraded\""));
        assertThat(health(nodeB)).doesNotContain("degraded");

        // limits: node a cannot count in Redis, so it allows its share of the cluster's limit
        for (int i = 1; i <= REGISTRATIONS_PER_MINUTE / 2; i++) {
            nodeA.connectFrom("127.0.0.2").ok("register", "user", "cut-" + i, "password", "password-cut-" + i);
        }
        assertThat(nodeA.connectFrom("127.0.0.2").error("register", "user", "cut-over", "password", "password-over"))
                .as("one more than node a's share").isEqualTo("rate_limited");

        // both nodes store and acknowledge; the last two are b's, so nothing local on a fills their gap
        List<Long> acked = new ArrayList<>();
        acked.add(alice.ok("send", "room", ROOM, "text", "甲 during the cut").path("seq").asLong());
        acked.add(bob.ok("send", "room", ROOM, "text", "乙 during the cut").path("seq").asLong());
        acked.add(alice.ok("send", "room", ROOM, "text", "甲 again").path("seq").asLong());
        acked.add(bob.ok("send", "room", ROOM, "text", "乙 again").path("seq").asLong());
        acked.add(bob.ok("send", "room", ROOM, "text", "乙 last").path("seq").asLong());
        assertThat(acked).containsExactly(2L, 3L, 4L, 5L, 6L);

        // a's entry in Redis expires: node b's users see alice go offline
        readerB.event(e -> "presence".equals(e.path("type").asText()) && "offline".equals(e.path("event").asText())
                && "alice".equals(e.path("user").asText()), PRESENCE_TIMEOUT);
        assertThat(bob.ok("users").path("users").toString()).doesNotContain("\"alice\"");

        linkOfA.restore();
        for (WireClient reader : List.of(readerA, readerB)) {
            assertThat(reader.messageSeqsIn(ROOM, 5, RECONNECT)).as("every seq once, in order")
                    .containsExactly(2L, 3L, 4L, 5L, 6L);
        }
        // alice is online again for node b, and live delivery works both ways
        readerB.event(e -> "presence".equals(e.path("type").asText()) && "online".equals(e.path("event").asText())
                && "alice".equals(e.path("user").asText()), Duration.ofSeconds(15));
        assertThat(bob.ok("users").path("users").toString()).contains("\"alice\"");
        long fromA = alice.ok("send", "room", ROOM, "text", "after").path("seq").asLong();
        assertThat(readerB.messageIn(ROOM).path("seq").asLong()).isEqualTo(fromA).isEqualTo(7);
        long fromB = bob.ok("send", "room", ROOM, "text", "after too").path("seq").asLong();
        ObjectNode atA = readerA.messageIn(ROOM);
        assertThat(atA.path("seq").asLong()).isEqualTo(7);
        assertThat(readerA.messageIn(ROOM).path("seq").asLong()).isEqualTo(fromB).isEqualTo(8);
        // health reads the heartbeat's last outcome: it turns ok at the first heartbeat after the cut heals
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(health(nodeA)).doesNotContain("degraded"));
    }

    private static String health(ServerFixture node) throws Exception {
        HttpResponse<String> response = node.health();
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}

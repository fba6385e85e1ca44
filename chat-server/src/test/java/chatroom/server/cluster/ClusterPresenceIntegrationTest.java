package chatroom.server.cluster;

import chatroom.server.testing.WireClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Presence across nodes travels as online/offline deltas; a node re-reads another node's online list
 * only when that node's digest (count and hash of its users) differs from its own view of it, so a
 * quiet cluster reads no lists, and a lost delta is still repaired.
 */
class ClusterPresenceIntegrationTest extends TwoNodeClusterTestBase {

    @BeforeEach
    void startCluster() {
        startCluster(b -> b);
    }

    @Test
    void aQuietCluster_readsNoNodesOnlineList() {
        WireClient alice = nodeA.user("alice");
        nodeB.user("bob");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(names(alice.ok("users"))).contains("alice", "bob"));
        // each node reads the other's list once, when it first sees it
        await().atMost(Duration.ofSeconds(10)).until(() -> hgetallCalls() >= 2);
        long before = hgetallCalls();
        // three heartbeats of each node (3 s apart) with nobody coming or going
        await().during(Duration.ofSeconds(9)).atMost(Duration.ofSeconds(12))
                .until(() -> hgetallCalls() == before);
    }

    @Test
    void aLostOnlineDelta_isRepairedFromTheDigest_andSoIsALostOffline() {
        WireClient alice = nodeA.user("alice");
        nodeB.user("bob");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(names(alice.ok("users"))).contains("alice", "bob"));
        RedisCommands<String, String> redis = redisCommands();

        // a third node (written here as its heartbeat would) lists a user whose online event node a never got
        redis.zadd("chatroom:nodes", System.currentTimeMillis(), "c");
        redis.hset("chatroom:node:c", "幽灵", "幽灵");
        redis.set("chatroom:nodesum:c", OnlineDigest.of(List.of("幽灵")).toString());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(names(alice.ok("users"))).contains("alice", "bob", "幽灵"));

        // and its offline event is lost too
        redis.zadd("chatroom:nodes", System.currentTimeMillis(), "c");
        redis.hdel("chatroom:node:c", "幽灵");
        redis.set("chatroom:nodesum:c", OnlineDigest.EMPTY.toString());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(names(alice.ok("users"))).contains("alice", "bob").doesNotContain("幽灵"));
    }

    private long hgetallCalls() {
        return redisCalls("hgetall");
    }

    private static List<String> names(JsonNode reply) {
        List<String> names = new ArrayList<>();
        reply.path("users").forEach(user -> names.add(user.asText()));
        return names;
    }
}

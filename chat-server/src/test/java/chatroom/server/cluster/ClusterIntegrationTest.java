package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chatroom.server.testing.Replies;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of a cluster in this JVM, on one real PostgreSQL and one real Redis: users on different
 * nodes chat, see each other's presence and moderation, keep one gap-free order under concurrent
 * senders on both nodes, and lose nothing acknowledged when Redis restarts.
 */
class ClusterIntegrationTest extends TwoNodeClusterTestBase {

    @BeforeEach
    void startCluster() {
        startCluster(b -> b.rate(100_000).burst(100_000));
    }

    @Test
    void usersOnDifferentNodes_chatInRoomsAndDirectMessages_andSeeEachOther() {
        WireClient alice = nodeA.user("alice");
        WireClient bob = nodeB.user("bob");
        alice.ok("join", "room", "课题组");
        bob.ok("join", "room", "课题组"); // created on node a: node b learns of it through Redis
        alice.event(e -> "presence".equals(e.path("type").asText()) && "join".equals(e.path("event").asText())
                && "bob".equals(e.path("user").asText()));

        long seq = alice.ok("send", "room", "课题组", "text", "你好，bob").path("seq").asLong();
        ObjectNode atBob = bob.messageIn("课题组");
        assertThat(atBob.path("seq").asLong()).isEqualTo(seq);
        assertThat(atBob.path("text").asText()).isEqualTo("你好，bob");
        bob.ok("send", "room", "课题组", "text", "hi alice");
        assertThat(alice.event(e -> "message".equals(e.path("type").asText()) && "bob".equals(e.path("from").asText()))
                .path("text").asText()).isEqualTo("hi alice");

        bob.ok("send", "to", "alice", "text", "私信 across nodes");
        ObjectNode direct = alice.event(e -> "message".equals(e.path("type").asText()) && e.has("with"));
        assertThat(direct.path("text").asText()).isEqualTo("私信 across nodes");

        // who is online comes from every node
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(textValues(alice.ok("users").path("users"))).contains("alice", "bob"));
        JsonNode members = bob.ok("members", "room", "课题组").path("members");
        assertThat(members.toString()).contains("\"alice\"");
        for (JsonNode member : members) {
            assertThat(member.path("online").asBoolean()).as(member.toString()).isTrue();
        }

        // topic, mute and kick made on one node reach the members on the other
        bob.ok("topic", "room", "课题组", "topic", "周会");
        assertThat(alice.event("topic").path("topic").asText()).isEqualTo("周会");
        alice.ok("mute", "room", "课题组", "user", "bob", "seconds", 60);
        bob.event("muted");
        assertThat(bob.error("send", "room", "课题组", "text", "muted?")).isEqualTo("muted");
        alice.ok("unmute", "room", "课题组", "user", "bob");
        bob.event("unmuted");
        alice.ok("kick", "room", "课题组", "user", "bob", "reason", "test");
        assertThat(bob.event("kicked").path("room").asText()).isEqualTo("课题组");
        assertThat(bob.error("send", "room", "课题组", "text", "still here?")).isEqualTo("not_member");
    }

    @Test
    void neverMissAMessage_acrossNodes_readMarkersEditsDeletesMentionsAndSearch() {
        WireClient 李雷OnA = nodeA.user("李雷");
        WireClient 李雷OnB = nodeB.connect();
        李雷OnB.login("李雷", "password-李雷");
        WireClient bob = nodeB.user("bob");
        李雷OnA.ok("join", "room", "期末");
        joinOnceKnown(bob, "期末");

        // a direct message stored through node b is unread on node a
        bob.ok("send", "to", "李雷", "text", "明天期末复习吗");
        JsonNode direct = Replies.conversation(李雷OnA.ok("conversations"), "with", "bob");
        assertThat(direct.path("unread").asLong()).isEqualTo(1);

        // a mention made on node b reaches node a with the message
        long seq = bob.ok("send", "room", "期末", "text", "@李雷 看一下").path("seq").asLong();
        ObjectNode mentioned = 李雷OnA.event(e -> "message".equals(e.path("type").asText())
                && "期末".equals(e.path("room").asText()) && e.path("seq").asLong() == seq);
        assertThat(Replies.texts(mentioned.path("mentions"))).containsExactly("李雷");
        assertThat(Replies.conversation(李雷OnA.ok("conversations"), "room", "期末")
                .path("mentions").asLong()).isEqualTo(1);

        // reading on node a clears it on the session on node b
        李雷OnA.ok("read", "with", "bob", "seq", 1);
        ObjectNode read = 李雷OnB.event("read");
        assertThat(read.path("with").asText()).isEqualTo("bob");
        assertThat(read.path("seq").asLong()).isEqualTo(1);

        // an edit and a delete made on node b reach node a, and its history shows them
        bob.ok("edit", "room", "期末", "seq", seq, "text", "期末复习 at 8");
        assertThat(李雷OnA.event("edited").path("text").asText()).isEqualTo("期末复习 at 8");
        bob.ok("delete", "with", "李雷", "seq", 1);
        ObjectNode deleted = 李雷OnA.event("deleted");
        assertThat(deleted.path("with").asText()).isEqualTo("bob");
        assertThat(deleted.path("by").asText()).isEqualTo("bob");
        JsonNode history = 李雷OnA.ok("history", "with", "bob").path("messages");
        assertThat(history.get(0).path("deleted").asBoolean()).isTrue();

        // search on node a finds what node b stored, by its current text, and not what was deleted
        JsonNode hits = 李雷OnA.ok("search", "q", "复习").path("hits");
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).path("text").asText()).isEqualTo("期末复习 at 8");
    }

    /** Joins a room that another node created: this node may not have heard of it yet. */
    private static void joinOnceKnown(WireClient client, String room) {
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> client.ok("join", "room", room) != null);
    }

    private static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void concurrentSendersOnBothNodes_everyMemberSeesOneGapFreeSeqOrder() throws Exception {
        int senders = 4;
        int perSender = 150;
        List<WireClient> readers = List.of(nodeA.user("reader-a"), nodeB.user("reader-b"));
        List<WireClient> writers = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            writers.add((i % 2 == 0 ? nodeA : nodeB).user("writer" + i));
        }
        readers.get(0).ok("join", "room", "busy");
        joinOnceKnown(readers.get(1), "busy");
        for (WireClient writer : writers) {
            writer.ok("join", "room", "busy");
        }
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            WireClient writer = writers.get(i);
            int me = i;
            Thread thread = new Thread(() -> {
                for (int n = 0; n < perSender; n++) {
                    writer.ok("send", "room", "busy", "text", "w" + me + " " + n, "cid", me + "-" + n);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        int total = senders * perSender;
        List<Long> expected = LongStream.rangeClosed(1, total).boxed().toList();
        for (WireClient reader : readers) {
            assertThat(reader.messageSeqsIn("busy", total, WireClient.TIMEOUT))
                    .as("every member sees every seq once, in order").isEqualTo(expected);
        }
    }

    @Test
    void aRedisRestart_losesNothingAcknowledged_andDeliveryResumes() {
        WireClient alice = nodeA.user("alice");
        WireClient bob = nodeB.user("bob");
        alice.ok("join", "room", "outage");
        joinOnceKnown(bob, "outage");
        alice.ok("send", "room", "outage", "text", "before");
        assertThat(bob.messageIn("outage").path("seq").asLong()).isEqualTo(1);

        redis.stop();
        List<Long> acked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            acked.add(alice.ok("send", "room", "outage", "text", "during " + i).path("seq").asLong());
        }
        assertThat(acked).containsExactly(2L, 3L, 4L, 5L, 6L); // stored and acknowledged without Redis
        alice.ok("join", "room", "made-during-outage");
        assertThat(bob.error("join", "room", "made-during-outage"))
                .as("node b cannot hear of the new room: it says so instead of waiting forever").isEqualTo("internal");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(health(nodeB))
                .contains("\"status\":\"degraded\"", "\"cluster\":{\"state\":\"unreachable\""));
        redis.restart();

        // node b catches up from the store once its subscription is back: nothing missed, nothing twice
        assertThat(bob.messageSeqsIn("outage", 5, Duration.ofSeconds(30))).containsExactly(2L, 3L, 4L, 5L, 6L);
        // the catch-up also brought node b's rooms and members in line with the store
        assertThat(bob.ok("join", "room", "made-during-outage").path("members").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            alice.ok("send", "room", "outage", "text", "after");
            assertThat(bob.messageIn("outage").path("text").asText()).isEqualTo("after");
        });
    }

    private static String health(ServerFixture node) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + node.server().httpPort()
                        + "/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("a node without Redis still serves").isEqualTo(200);
        return response.body();
    }

    @Test
    void adminCommandsOnOneNode_reachTheSessionsOnTheOther() {
        WireClient admin = nodeA.user("admin");
        WireClient bob = nodeB.user("bob");
        admin.ok("join", "room", "plaza");
        joinOnceKnown(bob, "plaza");
        admin.ok("room_rename", "room", "plaza", "new_name", "广场");
        ObjectNode renamed = bob.event("renamed");
        assertThat(renamed.path("new").asText()).isEqualTo("广场");
        admin.ok("send", "room", "广场", "text", "after the rename");
        assertThat(bob.messageIn("广场").path("text").asText()).isEqualTo("after the rename");
        admin.ok("user_rename", "user", "bob", "new_name", "小波");
        assertThat(bob.event(e -> "renamed".equals(e.path("type").asText()) && "user".equals(e.path("kind").asText()))
                .path("new").asText()).isEqualTo("小波");
        assertThat(bob.ok("send", "room", "广场", "text", "我改名了").path("seq").asLong()).isEqualTo(2);
        admin.ok("ban", "user", "小波");
        List<ObjectNode> last = bob.untilClosed(Duration.ofSeconds(10));
        assertThat(last).anyMatch(e -> "bye".equals(e.path("type").asText()) && "banned".equals(e.path("reason").asText()));
    }

    @Test
    void adminGrantAndRevokeOnOneNode_reachTheAccountsSessionsOnTheOther() {
        WireClient admin = nodeA.user("admin");
        WireClient carol = nodeB.user("carol");
        assertThat(carol.error("admin_grant", "user", "carol")).isEqualTo("forbidden");

        admin.ok("admin_grant", "user", "carol");
        // granting an admin again changes nothing and is allowed to admins only: it shows carol's rights
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "ok".equals(carol.request("admin_grant", "user", "carol").path("type").asText()));
        admin.ok("admin_revoke", "user", "carol");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "forbidden".equals(carol.request("admin_grant", "user", "carol").path("code").asText()));
    }

    @Test
    void oneUserWithSessionsOnBothNodes_getsItsMessagesOnBoth_andStaysOnlineWhileOneRemains() {
        WireClient aliceOnA = nodeA.user("alice");
        WireClient aliceOnB = nodeB.connect();
        aliceOnB.login("alice", "password-alice");
        WireClient bob = nodeB.user("bob");
        bob.ok("join", "room", "duo");
        joinOnceKnown(aliceOnA, "duo");
        bob.ok("send", "to", "alice", "text", "私信给两个设备");
        for (WireClient alice : List.of(aliceOnA, aliceOnB)) {
            assertThat(alice.event(e -> "message".equals(e.path("type").asText()) && e.has("with")).path("text")
                    .asText()).isEqualTo("私信给两个设备");
        }
        bob.ok("send", "room", "duo", "text", "to the room");
        assertThat(aliceOnA.messageIn("duo").path("text").asText()).isEqualTo("to the room");
        assertThat(aliceOnB.messageIn("duo").path("text").asText()).isEqualTo("to the room");

        aliceOnA.close(); // still online through node b: nobody hears "offline"
        await().atMost(Duration.ofSeconds(10)).until(() -> nodeA.server().connectionCount() == 0);
        // node a's events reach node b in the order it published them: one after the close is a barrier
        WireClient carol = nodeA.user("carol");
        joinOnceKnown(carol, "duo");
        carol.ok("send", "room", "duo", "text", "barrier");
        bob.event(e -> "message".equals(e.path("type").asText()) && "barrier".equals(e.path("text").asText()));
        assertThat(bob.drain(Duration.ZERO)).noneMatch(e -> "presence".equals(e.path("type").asText())
                && "offline".equals(e.path("event").asText()));
        assertThat(textValues(bob.ok("users").path("users"))).contains("alice");
        long seq = bob.ok("send", "room", "duo", "text", "still there?").path("seq").asLong();
        assertThat(aliceOnB.event(e -> "message".equals(e.path("type").asText()) && e.path("seq").asLong() == seq)
                .path("text").asText()).isEqualTo("still there?");
        aliceOnB.close();
        bob.event(e -> "presence".equals(e.path("type").asText()) && "offline".equals(e.path("event").asText())
                && "alice".equals(e.path("user").asText()));
    }

    @Test
    void aNodeThatStops_itsUsersGoOfflineOnTheOther() {
        WireClient alice = nodeA.user("alice");
        nodeB.user("bob");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(textValues(alice.ok("users").path("users")).toString()).contains("bob"));
        cluster.stopNodeB();
        alice.event(e -> "presence".equals(e.path("type").asText()) && "offline".equals(e.path("event").asText())
                && "bob".equals(e.path("user").asText()));
        assertThat(textValues(alice.ok("users").path("users")).toString()).doesNotContain("bob");
    }
}

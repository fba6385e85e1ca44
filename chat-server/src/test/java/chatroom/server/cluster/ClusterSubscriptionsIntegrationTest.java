package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chatroom.server.store.Names;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node receives a room's messages from Redis only while one of its sessions belongs to a member
 * of the room ({@code SUBSCRIBE chatroom:msg:KEY}), and a user's direct messages only while that
 * user has a session on it ({@code chatroom:dm:KEY}). Counted in Redis ({@code PUBSUB NUMSUB}):
 * the nodes are the only subscribers.
 */
class ClusterSubscriptionsIntegrationTest extends TwoNodeClusterTestBase {

    @BeforeEach
    void startCluster() {
        startCluster(b -> b.rate(100_000).burst(100_000));
    }

    @Test
    void aRoomWhoseMembersAreAllOnNodeA_sendsNothingToNodeB() {
        WireClient alice = nodeA.user("alice");
        WireClient 李雷 = nodeA.user("李雷");
        alice.ok("join", "room", "只在甲");
        李雷.ok("join", "room", "只在甲");
        nodeB.user("bob"); // node b has sessions, just none of a member of this room
        alice.ok("send", "room", "只在甲", "text", "一");
        assertThat(李雷.messageIn("只在甲").path("text").asText()).isEqualTo("一");

        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers(roomChannel("只在甲")) == 1);
        // and it stays so: node b never subscribes to it
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> subscribers(roomChannel("只在甲")) == 1);
    }

    @Test
    void aMemberLoggingInOnNodeB_getsEveryLaterMessageLiveInOrder_evenThoseSentWhileItSubscribes() throws Exception {
        WireClient alice = nodeA.user("alice");
        alice.ok("join", "room", "Window-10");
        try (WireClient bobOnA = nodeA.user("bob")) {
            bobOnA.ok("join", "room", "Window-10");
        }
        for (int i = 0; i < 20; i++) {
            alice.ok("send", "room", "Window-10", "text", "before " + i);
        }
        AtomicLong lastAcked = new AtomicLong();
        AtomicBoolean subscribed = new AtomicBoolean();
        // sends until node b has subscribed, then 20 more: however long the login takes on a slow
        // machine, messages are sent before, during and after it
        Thread sender = new Thread(() -> {
            int after = 0;
            for (int i = 0; !subscribed.get() || after++ < 20; i++) {
                lastAcked.set(alice.ok("send", "room", "Window-10", "text", "during " + i, "cid", "c" + i)
                        .path("seq").asLong());
            }
        });
        sender.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> lastAcked.get() >= 40);

        WireClient bob = nodeB.connect();
        long ackedBeforeLogin = lastAcked.get();
        long loginSeq = roomSeq(bob.login("bob", WireClient.passwordOf("bob")), "Window-10");
        assertThat(loginSeq).as("the login reply names the room's latest seq, though node b had no member of it")
                .isGreaterThanOrEqualTo(ackedBeforeLogin);
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers(roomChannel("Window-10")) == 2);
        subscribed.set(true);
        sender.join(60_000);
        assertThat(sender.isAlive()).as("the sender finished").isFalse();
        long last = lastAcked.get();
        assertThat(last).as("messages were sent after the login reply").isGreaterThan(loginSeq);

        List<Long> seen = new ArrayList<>();
        while (seen.isEmpty() || seen.get(seen.size() - 1) < last) {
            try {
                seen.add(bob.messageIn("Window-10").path("seq").asLong());
            } catch (AssertionError e) { // says which seqs came, to tell a gap from a stall
                throw new AssertionError("login reply seq " + loginSeq + ", last acked " + last + ", seen live "
                        + seen, e);
            }
        }
        // the reply's seq is a snapshot: a message at it may still arrive live (the contract's own example
        // shows seqs up to it after the reply); what is promised is no gap after it and no seq twice
        assertThat(seen).as("once each, in order").isSorted().doesNotHaveDuplicates();
        assertThat(seen.stream().filter(seq -> seq > loginSeq).toList())
                .as("every message after the login reply's seq")
                .isEqualTo(LongStream.rangeClosed(loginSeq + 1, last).boxed().toList());
    }

    /**
     * Node b learns of the invitation through Redis while messages flow: those stored between the
     * invitation and node b subscribing must still reach the new member, who has no seq to resume
     * from (the invitation names none).
     */
    @Test
    void aUserInvitedOnNodeA_whileMessagesFlow_getsEveryMessageSentAfterTheInvitationLive_onNodeB()
            throws Exception {
        WireClient alice = nodeA.user("alice");
        WireClient carol = nodeA.user("carol");
        alice.ok("join", "room", "邀请窗口");
        carol.ok("join", "room", "邀请窗口");
        WireClient bob = nodeB.user("bob");

        AtomicBoolean invited = new AtomicBoolean();
        AtomicLong firstAfterInvitation = new AtomicLong();
        AtomicLong lastAcked = new AtomicLong();
        // batches of pipelined sends, so that some are stored while node b hears of the invitation
        Thread sender = new Thread(() -> {
            int batchesAfter = 0;
            for (int batch = 0; !invited.get() || batchesAfter < 5; batch++) {
                boolean startedAfter = invited.get();
                for (int i = 0; i < 20; i++) {
                    carol.sendRequest("c" + batch + "-" + i, "send", "room", "邀请窗口", "text", "消息 " + batch + "-" + i);
                }
                for (int i = 0; i < 20; i++) {
                    long seq = carol.replyTo("c" + batch + "-" + i).path("seq").asLong();
                    lastAcked.set(seq);
                    if (startedAfter && batchesAfter == 0 && i == 0) {
                        firstAfterInvitation.set(seq);
                    }
                }
                if (startedAfter) {
                    batchesAfter++;
                }
            }
        });
        sender.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> lastAcked.get() >= 20);
        alice.ok("invite", "room", "邀请窗口", "user", "bob");
        invited.set(true);
        sender.join(60_000);
        assertThat(sender.isAlive()).as("the sender finished").isFalse();

        long first = firstAfterInvitation.get();
        long last = lastAcked.get();
        List<Long> seen = new ArrayList<>();
        while (seen.isEmpty() || seen.get(seen.size() - 1) < last) {
            try {
                seen.add(bob.messageIn("邀请窗口").path("seq").asLong());
            } catch (AssertionError e) {
                throw new AssertionError("first sent after the invitation " + first + ", last " + last
                        + ", seen live " + seen, e);
            }
        }
        assertThat(seen).as("once each, in order").isSorted().doesNotHaveDuplicates();
        assertThat(seen.stream().filter(seq -> seq >= first).toList())
                .as("every message sent after the invitation (first %d), seen %s", first, seen)
                .isEqualTo(LongStream.rangeClosed(first, last).boxed().toList());
    }

    @Test
    void afterTheLastMemberLeavesNodeB_nodeBUnsubscribes_andSubscribesAgainOnTheNextLogin() {
        WireClient alice = nodeA.user("alice");
        alice.ok("join", "room", "来去");
        WireClient bob = nodeB.user("bob");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> bob.ok("join", "room", "来去") != null);
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers(roomChannel("来去")) == 2);

        bob.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> subscribers(roomChannel("来去")) == 1);
        alice.ok("send", "room", "来去", "text", "while bob is away");

        WireClient bobAgain = nodeB.connect();
        long loginSeq = roomSeq(bobAgain.login("bob", WireClient.passwordOf("bob")), "来去");
        assertThat(loginSeq).as("node b did not receive it, but the login reply names it").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers(roomChannel("来去")) == 2);
        alice.ok("send", "room", "来去", "text", "welcome back");
        assertThat(bobAgain.messageIn("来去").path("seq").asLong()).isEqualTo(2);
    }

    @Test
    void aMemberWhoReconnectsAtOnce_costsNoUnsubscribe() {
        WireClient alice = nodeA.user("alice");
        alice.ok("join", "room", "闪断");
        WireClient bob = nodeB.user("bob");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> bob.ok("join", "room", "闪断") != null);
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers(roomChannel("闪断")) == 2);

        bob.close();
        WireClient bobAgain = nodeB.connect();
        bobAgain.login("bob", WireClient.passwordOf("bob"));
        // longer than the linger: the subscription stayed, nothing was unsubscribed
        await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(10))
                .until(() -> subscribers(roomChannel("闪断")) == 2 && redisCalls("unsubscribe") == 0);
        alice.ok("send", "room", "闪断", "text", "still here");
        assertThat(bobAgain.messageIn("闪断").path("text").asText()).isEqualTo("still here");
    }

    @Test
    void directMessages_reachAUserOnTheOtherNode_onlyThroughThatUsersChannel() {
        WireClient alice = nodeA.user("alice");
        WireClient bob = nodeB.user("bob");
        assertThat(subscribers(userChannel("bob"))).isEqualTo(1);
        assertThat(subscribers(userChannel("alice"))).isEqualTo(1);

        alice.ok("send", "to", "bob", "text", "私信 1");
        JsonNode direct = bob.event(e -> "message".equals(e.path("type").asText()) && e.has("with"));
        assertThat(direct.path("text").asText()).isEqualTo("私信 1");
        bob.ok("send", "to", "alice", "text", "回复");
        assertThat(alice.event(e -> "message".equals(e.path("type").asText()) && e.has("with")
                && "bob".equals(e.path("from").asText())).path("text").asText()).isEqualTo("回复");
    }

    @Test
    void aRedisRestart_restoresEverySubscription_andDeliveryResumes() {
        WireClient alice = nodeA.user("alice");
        alice.ok("join", "room", "重启");
        WireClient bob = nodeB.user("bob");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> bob.ok("join", "room", "重启") != null);
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers(roomChannel("重启")) == 2);

        disconnectRedis();
        redis.restart();

        await().atMost(Duration.ofSeconds(30)).until(() -> subscribers(roomChannel("重启")) == 2
                && subscribers(userChannel("bob")) == 1);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            alice.ok("send", "room", "重启", "text", "after");
            assertThat(bob.messageIn("重启").path("text").asText()).isEqualTo("after");
        });
    }

    private long subscribers(String channel) {
        return redisCommands().pubsubNumsub(channel).getOrDefault(channel, 0L);
    }

    private static String roomChannel(String room) {
        return "chatroom:msg:" + Names.key(room);
    }

    private static String userChannel(String user) {
        return "chatroom:dm:" + Names.key(user);
    }

    private static long roomSeq(JsonNode loginReply, String room) {
        for (JsonNode entry : loginReply.path("rooms")) {
            if (room.equals(entry.path("room").asText())) {
                return entry.path("seq").asLong();
            }
        }
        throw new AssertionError("no " + room + " in " + loginReply);
    }
}

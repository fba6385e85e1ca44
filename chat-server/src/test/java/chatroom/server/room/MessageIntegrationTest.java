package chatroom.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.TwoUsersInARoom;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** §4 messages: room and direct messages, seq, cid, history, limits, CJK. */
class MessageIntegrationTest {

    @RegisterExtension
    static final ChatServerExtension server = ChatServerExtension.withConfig(b -> b.rate(1000).burst(1000));

    @Test
    void roomMessage_reachesEveryMemberIncludingTheSender_withConsecutiveSeqs(TwoUsersInARoom users) {
        WireClient alice = users.alice();
        WireClient bob = users.bob();
        for (int i = 1; i <= 3; i++) {
            ObjectNode ok = alice.ok("send", "room", users.room(), "text", "msg " + i);
            assertThat(ok.path("room").asText()).isEqualTo(users.room());
            assertThat(ok.path("seq").asLong()).isEqualTo(i);
            assertThat(ok.path("ts").asLong()).isPositive();
        }
        for (WireClient member : List.of(alice, bob)) {
            for (int i = 1; i <= 3; i++) {
                ObjectNode m = member.messageIn(users.room());
                assertThat(m.path("seq").asLong()).isEqualTo(i);
                assertThat(m.path("from").asText()).isEqualTo(users.aliceName());
                assertThat(m.path("text").asText()).isEqualTo("msg " + i);
                assertThat(m.has("ts")).isTrue();
                assertThat(m.has("id")).isFalse();
            }
        }
    }

    @Test
    void directMessage_reachesBothUsers_withTheOtherPartyAsWith() {
        WireClient 张伟 = server.user("张伟");
        WireClient 李娜 = server.user("李娜");
        ObjectNode ok = 张伟.ok("send", "to", "李娜", "text", "你好，世界");
        assertThat(ok.path("to").asText()).isEqualTo("李娜");
        assertThat(ok.path("seq").asLong()).isEqualTo(1);
        assertThat(李娜.ok("send", "to", "张伟", "text", "你好").path("seq").asLong()).isEqualTo(2);

        ObjectNode received = 李娜.event(e -> "你好，世界".equals(e.path("text").asText()));
        assertThat(received.path("with").asText()).isEqualTo("张伟");
        assertThat(received.path("from").asText()).isEqualTo("张伟");
        assertThat(received.path("to").asText()).isEqualTo("李娜");
        assertThat(received.has("room")).isFalse();
        ObjectNode echoed = 张伟.event(e -> "你好，世界".equals(e.path("text").asText()));
        assertThat(echoed.path("with").asText()).isEqualTo("李娜");

        JsonNode history = 张伟.ok("history", "with", "李娜").path("messages");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("text").asText()).isEqualTo("你好，世界");
        assertThat(history.get(1).path("with").asText()).isEqualTo("李娜");
    }

    @Test
    void send_errors() {
        WireClient c = server.user("sender");
        // on c's node: another node's new room reaches c's node a Redis hop later (no_such_room until then)
        server.userOnNodeOf(c, "someone").ok("join", "room", "private-ish");
        assertThat(c.error("send", "room", "private-ish", "text", "hi")).isEqualTo("not_member");
        assertThat(c.error("send", "room", "missing-room", "text", "hi")).isEqualTo("no_such_room");
        assertThat(c.error("send", "to", "ghost", "text", "hi")).isEqualTo("no_such_user");
        assertThat(c.error("send", "room", "lobby", "text", "")).isEqualTo("bad_request");
        assertThat(c.error("send", "room", "lobby", "text", "x".repeat(4001))).isEqualTo("bad_request");
        assertThat(c.error("send", "room", "lobby")).isEqualTo("bad_request");
        assertThat(c.error("send", "text", "to whom?")).isEqualTo("bad_request");
        assertThat(c.ok("send", "room", "lobby", "text", "字".repeat(4000)).path("seq").asLong()).isPositive();
    }

    @Test
    void resentCid_isStoredOnce_andAnswersTheOriginalSeq(TwoUsersInARoom users) {
        WireClient a = users.alice();
        WireClient b = users.bob();
        String room = users.room();
        long first = a.ok("send", "room", room, "text", "once", "cid", "c-1").path("seq").asLong();
        long again = a.ok("send", "room", room, "text", "once", "cid", "c-1").path("seq").asLong();
        a.ok("send", "room", room, "text", "after", "cid", "c-2");
        assertThat(again).isEqualTo(first);
        assertThat(b.messageIn(room).path("text").asText()).isEqualTo("once");
        assertThat(b.messageIn(room).path("text").asText()).isEqualTo("after");
        JsonNode history = a.ok("history", "room", room).path("messages");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("cid").asText()).isEqualTo("c-1");
    }

    @Test
    void history_pagesWithBeforeAfterAndLimit() {
        WireClient c = server.user("pager");
        c.ok("join", "room", "archive");
        for (int i = 1; i <= 60; i++) {
            c.ok("send", "room", "archive", "text", "n" + i);
        }
        assertThat(seqs(c.ok("history", "room", "archive"))).hasSize(50).startsWith(11L).endsWith(60L);
        assertThat(seqs(c.ok("history", "room", "archive", "limit", 5))).containsExactly(56L, 57L, 58L, 59L, 60L);
        assertThat(seqs(c.ok("history", "room", "archive", "before", 11, "limit", 3))).containsExactly(8L, 9L, 10L);
        assertThat(seqs(c.ok("history", "room", "archive", "after", 57))).containsExactly(58L, 59L, 60L);
        assertThat(seqs(c.ok("history", "room", "archive", "after", 10, "limit", 2))).containsExactly(11L, 12L);
        assertThat(seqs(c.ok("history", "room", "archive", "after", 10, "before", 14))).containsExactly(11L, 12L, 13L);
        assertThat(seqs(c.ok("history", "room", "archive", "after", 0, "limit", 500))).hasSize(60);
        assertThat(c.error("history", "room", "archive", "limit", 0)).isEqualTo("bad_request");
        assertThat(c.error("history", "room", "nothing-here")).isEqualTo("no_such_room");
        WireClient outsider = server.user("peeker");
        assertThat(outsider.error("history", "room", "archive")).isEqualTo("not_member");
    }

    private static List<Long> seqs(ObjectNode reply) {
        List<Long> seqs = new ArrayList<>();
        reply.path("messages").forEach(m -> seqs.add(m.path("seq").asLong()));
        return seqs;
    }
}

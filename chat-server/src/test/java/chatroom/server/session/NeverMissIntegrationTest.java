package chatroom.server.session;

import static chatroom.server.testing.Replies.conversation;
import static chatroom.server.testing.Replies.texts;
import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * §10 never miss a message: read markers synced across sessions, the conversation list with
 * unread and mention counts, edit and delete, and search, over real sockets.
 */
class NeverMissIntegrationTest {

    @RegisterExtension
    static final ChatServerExtension server = ChatServerExtension.withConfig(b -> b.rate(1000).burst(1000));

    @Test
    void directMessageSentWhileOffline_showsInConversations_withOneUnread() {
        WireClient bob = server.user("bob1");
        WireClient lilei = server.user("李雷1");
        lilei.ok("logout");
        bob.ok("send", "to", "李雷1", "text", "你在吗？");

        WireClient back = server.connect();
        back.login("李雷1", "password-李雷1");
        JsonNode withBob = conversation(back.ok("conversations"), "with", "bob1");
        assertThat(withBob).as("the direct conversation with bob1").isNotNull();
        assertThat(withBob.path("seq").asLong()).isEqualTo(1);
        assertThat(withBob.path("read").asLong()).isZero();
        assertThat(withBob.path("unread").asLong()).isEqualTo(1);
        assertThat(withBob.path("mentions").asLong()).isZero();
        assertThat(withBob.path("last").path("text").asText()).isEqualTo("你在吗？");
        assertThat(withBob.path("last").path("with").asText()).isEqualTo("bob1");
        // the sender sees it too, but nothing unread: the message is its own
        JsonNode atBob = conversation(bob.ok("conversations"), "with", "李雷1");
        assertThat(atBob.path("unread").asLong()).isZero();
    }

    @Test
    void read_onOneSession_reachesTheUsersOtherSession_andNeverMovesBack() {
        WireClient phone = server.user("carol2");
        WireClient laptop = server.connect();
        laptop.login("carol2", "password-carol2");
        WireClient dave = server.user("dave2");
        dave.ok("join", "room", "read-room");
        phone.ok("join", "room", "read-room");
        dave.ok("send", "room", "read-room", "text", "one");
        dave.ok("send", "room", "read-room", "text", "two");

        ObjectNode ok = phone.ok("read", "room", "read-room", "seq", 2);
        assertThat(ok.path("room").asText()).isEqualTo("read-room");
        assertThat(ok.path("seq").asLong()).isEqualTo(2);
        ObjectNode read = laptop.event("read");
        assertThat(read.path("room").asText()).isEqualTo("read-room");
        assertThat(read.path("seq").asLong()).isEqualTo(2);
        assertThat(read.has("id")).isFalse();

        assertThat(phone.ok("read", "room", "read-room", "seq", 1).path("seq").asLong())
                .as("a read marker never moves back").isEqualTo(2);
        assertThat(phone.error("read", "room", "read-room", "seq", 3)).isEqualTo("bad_request");
        assertThat(phone.error("read", "room", "read-room", "seq", -1)).isEqualTo("bad_request");
        assertThat(phone.error("read", "room", "no-such-room-2", "seq", 1)).isEqualTo("no_such_room");
        assertThat(conversation(laptop.ok("conversations"), "room", "read-room").path("unread").asLong()).isZero();
    }

    @Test
    void unreadAndMentions_stayRight_acrossEditsDeletesLeaveAndRejoin() {
        WireClient erin = server.user("erin3");
        WireClient 小红 = server.user("小红3");
        erin.ok("join", "room", "counts");
        小红.ok("join", "room", "counts");
        // mentions count members as erin's node knows them: on two nodes it hears of 小红's join a Redis hop later
        erin.event(e -> "presence".equals(e.path("type").asText()) && "小红3".equals(e.path("user").asText())
                && "join".equals(e.path("event").asText()));
        erin.ok("send", "room", "counts", "text", "hello @小红3, 期末复习?");
        erin.ok("send", "room", "counts", "text", "@nobody3 and @小红3x are not members");
        erin.ok("send", "room", "counts", "text", "third");
        小红.ok("send", "room", "counts", "text", "my own");

        ObjectNode live = 小红.event(e -> "message".equals(e.path("type").asText()) && e.path("seq").asLong() == 1);
        assertThat(texts(live.path("mentions"))).containsExactly("小红3");
        ObjectNode notMentioned = 小红.event(e -> "message".equals(e.path("type").asText())
                && e.path("seq").asLong() == 2);
        assertThat(notMentioned.has("mentions")).as("mentions are left out when empty").isFalse();

        JsonNode entry = conversation(小红.ok("conversations"), "room", "counts");
        assertThat(entry.path("seq").asLong()).isEqualTo(4);
        assertThat(entry.path("unread").asLong()).isEqualTo(3);
        assertThat(entry.path("mentions").asLong()).isEqualTo(1);
        assertThat(entry.path("last").path("text").asText()).isEqualTo("my own");

        erin.ok("edit", "room", "counts", "seq", 1, "text", "hello everyone");
        ObjectNode edited = 小红.event("edited");
        assertThat(edited.path("seq").asLong()).isEqualTo(1);
        assertThat(edited.path("text").asText()).isEqualTo("hello everyone");
        assertThat(edited.path("edited_ts").asLong()).isPositive();
        entry = conversation(小红.ok("conversations"), "room", "counts");
        assertThat(entry.path("unread").asLong()).isEqualTo(3);
        assertThat(entry.path("mentions").asLong()).as("the edit took the mention away").isZero();

        erin.ok("delete", "room", "counts", "seq", 3);
        ObjectNode deleted = 小红.event("deleted");
        assertThat(deleted.path("seq").asLong()).isEqualTo(3);
        assertThat(deleted.path("by").asText()).isEqualTo("erin3");
        entry = conversation(小红.ok("conversations"), "room", "counts");
        assertThat(entry.path("unread").asLong()).as("a deleted message is not unread").isEqualTo(2);

        小红.ok("read", "room", "counts", "seq", 2);
        小红.ok("leave", "room", "counts");
        assertThat(conversation(小红.ok("conversations"), "room", "counts")).as("left: not listed").isNull();
        erin.event(e -> "presence".equals(e.path("type").asText()) && "小红3".equals(e.path("user").asText())
                && "leave".equals(e.path("event").asText())); // erin's node knows 小红 left
        erin.ok("send", "room", "counts", "text", "while away @小红3");
        小红.ok("join", "room", "counts");
        entry = conversation(小红.ok("conversations"), "room", "counts");
        assertThat(entry.path("read").asLong()).as("the marker survives leave and rejoin").isEqualTo(2);
        assertThat(entry.path("unread").asLong()).as("seq 5 (3 deleted, 4 own)").isEqualTo(1);
        assertThat(entry.path("mentions").asLong()).as("not a member when mentioned").isZero();
    }

    @Test
    void editAndDelete_permissions_andIdempotence() {
        WireClient owner = server.user("frank4");
        WireClient author = server.user("gina4");
        WireClient other = server.user("hank4");
        WireClient admin = server.user("admin");
        owner.ok("join", "room", "perms");
        author.ok("join", "room", "perms");
        other.ok("join", "room", "perms");
        admin.ok("join", "room", "perms");
        author.ok("send", "room", "perms", "text", "one");
        author.ok("send", "room", "perms", "text", "two");
        author.ok("send", "room", "perms", "text", "three");

        assertThat(other.error("edit", "room", "perms", "seq", 1, "text", "hijacked")).isEqualTo("forbidden");
        assertThat(owner.error("edit", "room", "perms", "seq", 1, "text", "hijacked")).isEqualTo("forbidden");
        assertThat(other.error("delete", "room", "perms", "seq", 1)).isEqualTo("forbidden");
        assertThat(author.error("edit", "room", "perms", "seq", 9, "text", "x")).isEqualTo("bad_request");
        assertThat(author.error("edit", "room", "perms", "seq", 1, "text", "")).isEqualTo("bad_request");
        author.ok("edit", "room", "perms", "seq", 1, "text", "one, edited");
        author.ok("edit", "room", "perms", "seq", 1, "text", "one, edited");
        owner.ok("delete", "room", "perms", "seq", 2);
        admin.ok("delete", "room", "perms", "seq", 3);
        author.ok("delete", "room", "perms", "seq", 3); // idempotent
        assertThat(author.error("edit", "room", "perms", "seq", 3, "text", "back?")).isEqualTo("bad_request");

        // a direct message: only its author edits, the other party may not delete it
        author.ok("send", "to", "hank4", "text", "private");
        assertThat(other.error("delete", "with", "gina4", "seq", 1)).isEqualTo("forbidden");
        author.ok("edit", "with", "hank4", "seq", 1, "text", "private, edited");
        ObjectNode edited = other.event(e -> "edited".equals(e.path("type").asText()) && e.has("with"));
        assertThat(edited.path("with").asText()).isEqualTo("gina4");
    }

    @Test
    void historyAndResume_afterDelete_showTheDeletedForm_withoutASeqGap() {
        WireClient ivy = server.user("ivy5");
        ivy.ok("join", "room", "resume");
        ivy.ok("send", "room", "resume", "text", "keep");
        ivy.ok("send", "room", "resume", "text", "secret");
        ivy.ok("send", "room", "resume", "text", "typo");
        ivy.ok("delete", "room", "resume", "seq", 2);
        ivy.ok("edit", "room", "resume", "seq", 3, "text", "fixed");

        JsonNode history = ivy.ok("history", "room", "resume").path("messages");
        assertThat(history).hasSize(3);
        assertThat(history.get(1).path("seq").asLong()).isEqualTo(2);
        assertThat(history.get(1).path("deleted").asBoolean()).isTrue();
        assertThat(history.get(1).has("text")).isFalse();
        assertThat(history.get(1).path("from").asText()).isEqualTo("ivy5");
        assertThat(history.get(2).path("text").asText()).isEqualTo("fixed");
        assertThat(history.get(2).path("edited_ts").asLong()).isPositive();
        assertThat(history.get(0).has("deleted")).isFalse();
        assertThat(history.get(0).has("edited_ts")).isFalse();

        WireClient back = server.connect();
        back.login("ivy5", "password-ivy5");
        back.send(back.message("join", "id", "j", "room", "resume", "since", 0));
        List<ObjectNode> replay = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replay.add(back.messageIn("resume"));
        }
        assertThat(replay).extracting(m -> m.path("seq").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(replay.get(1).path("deleted").asBoolean()).isTrue();
        assertThat(replay.get(1).has("text")).isFalse();
        assertThat(replay.get(2).path("text").asText()).isEqualTo("fixed");
    }

    @Test
    void aSearchForANulCharacter_isABadRequest_notAStoreFailure() {
        WireClient nina = server.user("nina6");
        nina.ok("send", "room", "lobby", "text", "abc 零字节的消息");
        // SQLite's full-text query strings end at U+0000: it was "internal" and an error in the log, each time
        assertThat(nina.error("search", "q", "a\u0000bc")).isEqualTo("bad_request");
        assertThat(nina.error("search", "q", "\u0000\u0000\u0000")).isEqualTo("bad_request");
        assertThat(texts(nina.ok("search", "q", "零字节").path("hits"), "text")).containsExactly("abc 零字节的消息");
    }

    @Test
    void search_findsCjkSubstrings_onlyWhereTheUserMayRead_andForgetsDeletedMessages() {
        WireClient jack = server.user("jack6");
        WireClient kate = server.user("kate6");
        WireClient liam = server.user("liam6");
        jack.ok("join", "room", "study");
        kate.ok("join", "room", "study");
        liam.ok("join", "room", "secret6");
        jack.ok("send", "room", "study", "text", "明天期末复习，来吗");
        liam.ok("send", "room", "secret6", "text", "期末复习的答案");
        liam.ok("send", "to", "kate6", "text", "一起复习吧");
        long gone = jack.ok("send", "room", "study", "text", "复习资料在这里").path("seq").asLong();
        jack.ok("delete", "room", "study", "seq", gone);
        jack.ok("send", "room", "study", "text", "old words");
        jack.ok("edit", "room", "study", "seq", gone + 1, "text", "new words 复习");

        JsonNode hits = kate.ok("search", "q", "复习").path("hits");
        assertThat(texts(hits, "text")).containsExactly("new words 复习", "一起复习吧", "明天期末复习，来吗");
        assertThat(kate.ok("search", "q", "复习").path("more").asBoolean()).isFalse();
        assertThat(hits.get(1).path("with").asText()).isEqualTo("liam6");
        assertThat(texts(jack.ok("search", "q", "复习").path("hits"), "text"))
                .as("neither another room nor others' direct messages")
                .containsExactly("new words 复习", "明天期末复习，来吗");
        assertThat(texts(kate.ok("search", "q", "old words").path("hits"), "text")).isEmpty();
        assertThat(texts(kate.ok("search", "q", "复习", "room", "study", "limit", 1).path("hits"), "text"))
                .containsExactly("new words 复习");
        assertThat(kate.ok("search", "q", "复习", "room", "study", "limit", 1).path("more").asBoolean()).isTrue();
        assertThat(texts(kate.ok("search", "q", "复习", "with", "liam6").path("hits"), "text"))
                .containsExactly("一起复习吧");
        assertThat(texts(kate.ok("search", "q", "期").path("hits"), "text")).as("short query: bounded LIKE")
                .containsExactly("明天期末复习，来吗");

        kate.ok("leave", "room", "study");
        assertThat(texts(kate.ok("search", "q", "复习").path("hits"), "text")).as("left the room")
                .containsExactly("一起复习吧");
        assertThat(kate.error("search", "q", "复习", "room", "secret6")).isEqualTo("not_member");
        assertThat(kate.error("search", "q", "")).isEqualTo("bad_request");
        assertThat(kate.ok("search", "q", "\"复习\" OR NEAR(* -").path("hits")).as("query syntax is plain text").isEmpty();
        assertThat(kate.error("search", "q", "复习", "room", "study", "with", "liam6")).isEqualTo("bad_request");
    }
}

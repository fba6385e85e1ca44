package chatroom.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.WireClient;
import chatroom.testing.Wait;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Contract section 6 without files and bot: private rooms and invitations, mutes, and the admin commands. */
class RoomsAndAdminIntegrationTest {

    @RegisterExtension
    final ChatServerExtension server = new ChatServerExtension();

    private static boolean isEvent(ObjectNode e, String type) {
        return type.equals(e.path("type").asText());
    }

    @Test
    void privateRoom_isHiddenAndClosed_untilTheOwnerInvites() {
        WireClient alice = server.user("alice");
        WireClient bob = server.user("bob");
        WireClient carol = server.user("carol");
        alice.ok("join", "room", "密室", "private", true);

        assertThat(bob.error("join", "room", "密室")).isEqualTo("forbidden");
        assertThat(bob.ok("rooms").path("rooms").findValuesAsText("room")).doesNotContain("密室");
        assertThat(bob.error("invite", "room", "密室", "user", "carol")).isEqualTo("not_member");
        assertThat(alice.error("invite", "room", "密室", "user", "nobody")).isEqualTo("no_such_user");

        alice.ok("invite", "room", "密室", "user", "bob");
        ObjectNode joined = bob.event(e -> isEvent(e, "presence") && "密室".equals(e.path("room").asText()));
        assertThat(joined.path("user").asText()).isEqualTo("bob");
        assertThat(joined.path("event").asText()).isEqualTo("join");
        assertThat(bob.ok("rooms").path("rooms").findValuesAsText("room")).contains("密室");
        alice.ok("send", "room", "密室", "text", "欢迎 bob");
        assertThat(bob.messageIn("密室").path("text").asText()).isEqualTo("欢迎 bob");

        assertThat(bob.error("invite", "room", "密室", "user", "carol")).as("only the owner of a private room")
                .isEqualTo("forbidden");
        assertThat(carol.error("join", "room", "密室")).isEqualTo("forbidden");

        bob.ok("join", "room", "open");
        bob.ok("invite", "room", "open", "user", "carol");
        // the new member is told; on two nodes carol's node may hear of the invitation after bob's ok
        carol.event(e -> isEvent(e, "presence") && "open".equals(e.path("room").asText())
                && "carol".equals(e.path("user").asText()) && "join".equals(e.path("event").asText()));
        carol.ok("send", "room", "open", "text", "invited, not joined");
    }

    @Test
    void mute_refusesSends_untilItExpires_orIsLifted_andSurvivesARestart() {
        WireClient alice = server.user("alice");
        WireClient bob = server.user("bob");
        alice.ok("join", "room", "club");
        bob.ok("join", "room", "club");

        assertThat(bob.error("mute", "room", "club", "user", "alice")).isEqualTo("forbidden");
        alice.ok("mute", "room", "club", "user", "bob", "seconds", 1);
        ObjectNode muted = bob.event(e -> isEvent(e, "muted"));
        assertThat(muted.path("room").asText()).isEqualTo("club");
        assertThat(muted.path("by").asText()).isEqualTo("alice");
        assertThat(muted.path("until").asLong()).isGreaterThan(System.currentTimeMillis() - 1000);
        assertThat(bob.error("send", "room", "club", "text", "let me talk")).isEqualTo("muted");
        bob.ok("send", "room", "lobby", "text", "other rooms are fine");
        Wait.until("the mute expires", () -> "ok".equals(bob.request("send", "room", "club", "text", "back")
                .path("type").asText()));

        alice.ok("mute", "room", "club", "user", "bob");
        assertThat(bob.event(e -> isEvent(e, "muted")).has("until")).isFalse();
        server.restart();
        WireClient bob2 = server.connect();
        bob2.login("bob", "password-bob");
        assertThat(bob2.error("send", "room", "club", "text", "after restart")).isEqualTo("muted");

        WireClient alice2 = server.connect();
        alice2.login("alice", "password-alice");
        alice2.ok("unmute", "room", "club", "user", "bob");
        assertThat(bob2.event(e -> isEvent(e, "unmuted")).path("by").asText()).isEqualTo("alice");
        bob2.ok("send", "room", "club", "text", "free again");
    }

    @Test
    void adminCommands_areRefusedToEveryoneElse() {
        WireClient bob = server.user("bob");
        server.user("carol");
        assertThat(bob.error("user_delete", "user", "carol")).isEqualTo("forbidden");
        assertThat(bob.error("user_rename", "user", "carol", "new_name", "c2")).isEqualTo("forbidden");
        assertThat(bob.error("user_reset", "user", "carol", "password", "new-password-1")).isEqualTo("forbidden");
        assertThat(bob.error("room_delete", "room", "lobby")).isEqualTo("forbidden");
        assertThat(bob.error("room_rename", "room", "lobby", "new_name", "hall")).isEqualTo("forbidden");
    }

    @Test
    void renameUser_tellsEveryone_andKeepsTheirMessagesAndDirectConversations() {
        WireClient admin = server.user("admin");
        WireClient alice = server.user("alice");
        WireClient bob = server.user("bob");
        bob.ok("send", "room", "lobby", "text", "bob was here");
        bob.ok("send", "to", "alice", "text", "私信 before");

        assertThat(admin.error("user_rename", "user", "bob", "new_name", "alice")).isEqualTo("user_exists");
        admin.ok("user_rename", "user", "bob", "new_name", "小波");

        for (WireClient c : List.of(bob, alice)) {
            ObjectNode renamed = c.event(e -> isEvent(e, "renamed"));
            assertThat(renamed.path("kind").asText()).isEqualTo("user");
            assertThat(renamed.path("old").asText()).isEqualTo("bob");
            assertThat(renamed.path("new").asText()).isEqualTo("小波");
        }
        JsonNode lobby = alice.ok("history", "room", "lobby").path("messages");
        assertThat(lobby.findValuesAsText("from")).contains("小波").doesNotContain("bob");
        JsonNode direct = alice.ok("history", "with", "小波").path("messages");
        assertThat(direct.findValuesAsText("text")).containsExactly("私信 before");

        bob.ok("send", "room", "lobby", "text", "same session, new name");
        assertThat(alice.event(e -> "same session, new name".equals(e.path("text").asText())).path("from").asText())
                .isEqualTo("小波");
        bob.ok("send", "to", "alice", "text", "私信 after");
        assertThat(alice.ok("history", "with", "小波").path("messages").findValuesAsText("seq"))
                .as("the direct conversation continues without a gap").containsExactly("1", "2");
        assertThat(server.connect().error("login", "user", "bob", "password", "password-bob"))
                .isEqualTo("bad_credentials");
        server.connect().login("小波", "password-bob");
    }

    @Test
    void resetPassword_endsTheUsersSessionsAndTokens() {
        WireClient admin = server.user("admin");
        WireClient carol = server.user("carol");
        String token = server.connect().login("carol", "password-carol").path("token").asText();

        admin.ok("user_reset", "user", "carol", "password", "brand-new-secret");

        List<ObjectNode> last = carol.untilClosed(Duration.ofSeconds(5));
        assertThat(last).last().satisfies(bye -> assertThat(bye.path("reason").asText()).isEqualTo("password_reset"));
        assertThat(server.connect().error("login", "token", token)).isEqualTo("bad_token");
        assertThat(server.connect().error("login", "user", "carol", "password", "password-carol"))
                .isEqualTo("bad_credentials");
        server.connect().login("carol", "brand-new-secret");
    }

    @Test
    void deleteUser_closesTheirSessions_butKeepsWhatTheyWrote() {
        WireClient admin = server.user("admin");
        WireClient alice = server.user("alice");
        WireClient dave = server.user("dave");
        dave.ok("send", "room", "lobby", "text", "dave's last words");

        admin.ok("user_delete", "user", "dave");

        List<ObjectNode> last = dave.untilClosed(Duration.ofSeconds(5));
        assertThat(last).last().satisfies(bye -> assertThat(bye.path("reason").asText()).isEqualTo("deleted"));
        ObjectNode left = alice.event(e -> isEvent(e, "presence") && "dave".equals(e.path("user").asText())
                && "leave".equals(e.path("event").asText()));
        assertThat(left.path("room").asText()).isEqualTo("lobby");
        assertThat(alice.ok("history", "room", "lobby").path("messages").findValuesAsText("text"))
                .contains("dave's last words");
        assertThat(server.connect().error("login", "user", "dave", "password", "password-dave"))
                .isEqualTo("bad_credentials");
        assertThat(admin.error("user_delete", "user", "dave")).isEqualTo("no_such_user");
    }

    @Test
    void renameAndDeleteRoom_keepMessagesAndTellTheMembers() {
        WireClient admin = server.user("admin");
        WireClient alice = server.user("alice");
        alice.ok("join", "room", "study");
        alice.ok("send", "room", "study", "text", "one");
        alice.ok("send", "room", "study", "text", "two");

        assertThat(admin.error("room_rename", "room", "study", "new_name", "lobby")).isEqualTo("bad_request");
        admin.ok("room_rename", "room", "study", "new_name", "学习");
        ObjectNode renamed = alice.event(e -> isEvent(e, "renamed"));
        assertThat(renamed.path("kind").asText()).isEqualTo("room");
        assertThat(renamed.path("old").asText()).isEqualTo("study");
        assertThat(renamed.path("new").asText()).isEqualTo("学习");
        assertThat(alice.error("send", "room", "study", "text", "old name")).isEqualTo("no_such_room");
        assertThat(alice.ok("send", "room", "学习", "text", "three").path("seq").asLong()).isEqualTo(3);
        assertThat(alice.ok("history", "room", "学习").path("messages").findValuesAsText("text"))
                .containsExactly("one", "two", "three");

        assertThat(admin.error("room_delete", "room", "lobby")).isEqualTo("bad_request");
        admin.ok("room_delete", "room", "学习");
        assertThat(alice.event(e -> isEvent(e, "room_deleted")).path("room").asText()).isEqualTo("学习");
        assertThat(alice.ok("rooms").path("rooms").findValuesAsText("room")).doesNotContain("学习");
        assertThat(alice.error("send", "room", "学习", "text", "gone")).isEqualTo("no_such_room");
        alice.ok("join", "room", "学习");
        assertThat(alice.ok("send", "room", "学习", "text", "a fresh room").path("seq").asLong())
                .as("a new room of that name starts over").isEqualTo(1);
    }
}

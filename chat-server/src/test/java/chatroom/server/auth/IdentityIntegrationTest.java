package chatroom.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServers;
import chatroom.server.testing.WireClient;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Protocol section 9: a name, once used, is never someone else's history, and admins are accounts.
 * The attacks of issue 15 items 1 and 12, over real sockets.
 */
class IdentityIntegrationTest {

    private ChatServers fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void deletedAccount_nameCannotBeRegisteredAgain_andNoNewAccountReadsItsDirectMessages() {
        fixture = ChatServers.start(b -> b);
        WireClient admin = fixture.user("admin");
        WireClient victim = fixture.user("victim");
        WireClient bob = fixture.user("bob");
        bob.ok("send", "to", "victim", "text", "秘密 for victim");
        victim.ok("send", "to", "bob", "text", "reply from victim");

        admin.ok("user_delete", "user", "victim");
        victim.untilClosed(Duration.ofSeconds(5));

        assertThat(fixture.connect().error("register", "user", "VICTIM", "password", "password-x1"))
                .as("a deleted account's name is never registrable again").isEqualTo("user_exists");
        assertThat(fixture.connect().error("register", "user", "victim", "password", "password-x1"))
                .isEqualTo("user_exists");
        assertThat(fixture.connect().error("login", "user", "victim", "password", "password-victim"))
                .isEqualTo("bad_credentials");
        assertThat(admin.error("user_rename", "user", "bob", "new_name", "Victim"))
                .as("nor can another account be renamed to it").isEqualTo("user_exists");

        WireClient mallory = fixture.user("mallory");
        assertThat(mallory.ok("history", "with", "victim").path("messages")).as("mallory never talked to victim")
                .isEmpty();
        assertThat(mallory.ok("history", "with", "bob").path("messages")).isEmpty();
        assertThat(mallory.error("join", "room", "d:bob|victim")).isEqualTo("invalid_name");
        assertThat(mallory.error("send", "to", "victim", "text", "hello?")).isEqualTo("no_such_user");
        assertThat(bob.ok("history", "with", "victim").path("messages").findValuesAsText("text"))
                .as("bob keeps his side of the conversation").containsExactly("秘密 for victim", "reply from victim");
    }

    @Test
    void renamedAdmin_staysAdmin_evenAfterARestart_andNoStrangerInheritsTheName() {
        fixture = ChatServers.start(b -> b.admins(Set.of("root")));
        WireClient root = fixture.user("root");
        fixture.user("target");
        root.ok("user_rename", "user", "root", "new_name", "boss");

        assertThat(fixture.connect().error("register", "user", "Root", "password", "password-Root"))
                .as("a name freed by a rename stays its account's").isEqualTo("user_exists");
        WireClient stranger = fixture.user("stranger");
        assertThat(stranger.error("ban", "user", "target")).isEqualTo("forbidden");

        fixture.restart();
        WireClient boss = fixture.connect();
        boss.login("boss", "password-root");
        boss.ok("ban", "user", "target");
        boss.ok("unban", "user", "target");
        WireClient strangerAgain = fixture.connect();
        strangerAgain.login("stranger", "password-stranger");
        assertThat(strangerAgain.error("ban", "user", "target")).isEqualTo("forbidden");

        boss.ok("user_rename", "user", "boss", "new_name", "ROOT");
        assertThat(boss.ok("ban", "user", "target")).as("its own old name back").isNotNull();
    }

    @Test
    void adminGrantAndRevoke_takeEffectOnLiveSessions_andTheLastAdminStays() {
        fixture = ChatServers.start(b -> b);
        WireClient admin = fixture.user("admin");
        WireClient alice = fixture.user("alice");
        fixture.user("bob");

        assertThat(alice.error("ban", "user", "bob")).isEqualTo("forbidden");
        assertThat(alice.error("admin_grant", "user", "alice")).isEqualTo("forbidden");
        assertThat(admin.error("admin_grant", "user", "nobody")).isEqualTo("no_such_user");

        admin.ok("admin_grant", "user", "Alice");
        alice.ok("ban", "user", "bob");
        alice.ok("unban", "user", "bob");
        WireClient aliceElsewhere = fixture.connect();
        aliceElsewhere.login("alice", "password-alice");
        aliceElsewhere.ok("ban", "user", "bob");
        aliceElsewhere.ok("unban", "user", "bob");

        alice.ok("admin_revoke", "user", "admin");
        assertThat(admin.error("ban", "user", "bob")).as("revoked at once").isEqualTo("forbidden");
        assertThat(alice.error("admin_revoke", "user", "alice")).as("the last admin").isEqualTo("forbidden");
        assertThat(alice.error("user_delete", "user", "alice")).as("nor deleted").isEqualTo("forbidden");
        alice.ok("ban", "user", "bob");
        assertThat(admin.error("admin_revoke", "user", "nobody")).isEqualTo("forbidden");
        assertThat(alice.error("admin_revoke", "user", "nobody")).isEqualTo("no_such_user");
    }
}

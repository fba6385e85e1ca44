package chatroom.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.TwoUsersInARoom;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** §5: kick by owner or admin, ban and unban by admin, forbidden for everyone else. */
class ModerationIntegrationTest {

    @RegisterExtension
    static final ChatServerExtension server = new ChatServerExtension();
    static WireClient admin;

    @BeforeAll
    static void start() {
        admin = server.user("admin");
    }

    @Test
    void ownerKicks_memberGetsKicked_othersSeeLeave_andMembershipEnds() {
        WireClient owner = server.user("k_owner");
        WireClient target = server.user("k_target");
        WireClient witness = server.user("k_witness");
        owner.ok("join", "room", "den");
        target.ok("join", "room", "den");
        witness.ok("join", "room", "den");
        // the owner's node knows the target is a member once it told the owner (on two nodes, after a Redis hop)
        owner.event(e -> "presence".equals(e.path("type").asText()) && "k_target".equals(e.path("user").asText())
                && "join".equals(e.path("event").asText()));
        owner.ok("kick", "room", "den", "user", "k_target", "reason", "spam");

        ObjectNode kicked = target.event("kicked");
        assertThat(kicked.path("room").asText()).isEqualTo("den");
        assertThat(kicked.path("by").asText()).isEqualTo("k_owner");
        assertThat(kicked.path("reason").asText()).isEqualTo("spam");
        witness.event(e -> "presence".equals(e.path("type").asText()) && "k_target".equals(e.path("user").asText())
                && "leave".equals(e.path("event").asText()));
        assertThat(target.error("send", "room", "den", "text", "hi")).isEqualTo("not_member");
    }

    @Test
    void kickByNonOwner_isForbidden_butAdminMayKickAnywhere(TwoUsersInARoom users) {
        WireClient member = users.bob();
        assertThat(member.error("kick", "room", users.room(), "user", users.aliceName())).isEqualTo("forbidden");
        admin.ok("kick", "room", users.room(), "user", users.bobName());
        assertThat(member.event("kicked").path("by").asText()).isEqualTo("admin");
    }

    @Test
    void ban_closesTheUsersSessions_andRefusesLogins_untilUnban() {
        WireClient victim = server.connect();
        String token = victim.signUp("troll").path("token").asText();
        WireClient second = server.connect();
        second.login("troll", "password-troll");

        admin.ok("ban", "user", "troll", "reason", "abuse");
        for (WireClient session : List.of(victim, second)) {
            assertThat(session.untilClosed(Duration.ofSeconds(5)))
                    .anySatisfy(e -> assertThat(e.path("reason").asText()).isEqualTo("banned"));
        }
        WireClient retry = server.connect();
        assertThat(retry.error("login", "user", "troll", "password", "password-troll")).isEqualTo("banned");
        assertThat(retry.error("login", "token", token)).isIn("banned", "bad_token");

        admin.ok("unban", "user", "troll");
        assertThat(retry.login("troll", "password-troll").path("user").asText()).isEqualTo("troll");
    }

    @Test
    void banAndUnbanByNonAdmin_areForbidden() {
        WireClient c = server.user("wannabe");
        server.user("innocent");
        assertThat(c.error("ban", "user", "innocent")).isEqualTo("forbidden");
        assertThat(c.error("unban", "user", "innocent")).isEqualTo("forbidden");
        assertThat(admin.error("ban", "user", "nobody-here")).isEqualTo("no_such_user");
    }
}

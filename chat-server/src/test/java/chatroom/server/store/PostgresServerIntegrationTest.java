package chatroom.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.config.ServerConfig;
import chatroom.server.store.PostgresFixture;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on PostgreSQL (--store): chat, durability across a restart, and the admin commands
 * whose keys move between tables (deferred foreign keys), against a real database.
 */
class PostgresServerIntegrationTest {

    @TempDir
    Path dataDir;

    @BeforeAll
    static void needPostgres() {
        PostgresFixture.assumeInstalled();
    }

    @Test
    void chatRestartAndAdminCommands_onPostgres() {
        String url = PostgresFixture.shared().newDatabase();
        try (ServerFixture fixture = new ServerFixture(dataDir, b -> b.store(
                new ServerConfig.StoreLocation(url, "chat", "")).rate(1000).burst(1000))) {
            WireClient admin = fixture.user("admin");
            WireClient alice = fixture.user("alice");
            WireClient bob = fixture.user("bob");
            alice.ok("join", "room", "研究");
            bob.ok("join", "room", "研究");
            for (int i = 1; i <= 5; i++) {
                assertThat(alice.ok("send", "room", "研究", "text", "消息 " + i, "cid", "c" + i).path("seq").asLong())
                        .isEqualTo(i);
            }
            assertThat(alice.ok("send", "room", "研究", "text", "again", "cid", "c3").path("seq").asLong())
                    .as("a resent cid answers its original seq").isEqualTo(3);
            bob.ok("send", "to", "alice", "text", "私信");
            alice.ok("mute", "room", "研究", "user", "bob");
            assertThat(bob.error("send", "room", "研究", "text", "muted?")).isEqualTo("muted");

            fixture.restart();
            WireClient admin2 = fixture.connect();
            admin2.login("admin", "password-admin");
            WireClient bob2 = fixture.connect();
            bob2.login("bob", "password-bob");
            assertThat(bob2.error("send", "room", "研究", "text", "still muted")).isEqualTo("muted");

            admin2.ok("user_rename", "user", "bob", "new_name", "小波");
            admin2.ok("room_rename", "room", "研究", "new_name", "课题");
            WireClient alice2 = fixture.connect();
            alice2.login("alice", "password-alice");
            List<String> texts = alice2.ok("history", "room", "课题").path("messages").findValuesAsText("text");
            assertThat(texts).containsExactly("消息 1", "消息 2", "消息 3", "消息 4", "消息 5");
            assertThat(alice2.ok("history", "with", "小波").path("messages").findValuesAsText("text"))
                    .containsExactly("私信");
            admin2.ok("room_delete", "room", "课题");
            alice2.ok("join", "room", "课题");
            assertThat(alice2.ok("send", "room", "课题", "text", "fresh").path("seq").asLong()).isEqualTo(1);
            admin2.ok("user_delete", "user", "小波");
            List<ObjectNode> last = bob2.untilClosed(Duration.ofSeconds(5));
            assertThat(last).last().satisfies(bye -> assertThat(bye.path("reason").asText()).isEqualTo("deleted"));
        }
    }
}

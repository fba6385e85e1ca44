package chatroom.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that cannot write (here: its size limit, which fails exactly like a full disk):
 * sends answer internal and are not acknowledged, nothing of them is stored, and the server keeps
 * serving reads and other connections.
 */
class StoreFailureIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void fullStore_answersInternal_acknowledgesNothing_andKeepsServing() throws Exception {
        ch.qos.logback.classic.Logger storeLog = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(chatroom.server.store.JdbcChatStore.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        storeLog.addAppender(logged);
        try (ServerFixture fixture = new ServerFixture(dataDir, b -> b.maxStoreMb(1).rate(100_000).burst(100_000)
                .httpPort(0))) {
            WireClient c = fixture.user("filler");
            c.ok("join", "room", "full");
            List<Long> acked = new ArrayList<>();
            String text = "满".repeat(3000);
            String failure = null;
            for (int i = 0; i < 2000 && failure == null; i++) {
                ObjectNode reply = c.request("send", "room", "full", "text", text, "cid", "c" + i);
                if ("ok".equals(reply.path("type").asText())) {
                    acked.add(reply.path("seq").asLong());
                } else {
                    failure = reply.path("code").asText();
                }
            }
            assertThat(failure).as("the store filled up").isEqualTo("internal");
            assertThat(acked).isNotEmpty();
            java.net.http.HttpResponse<String> health = fixture.health();
            assertThat(health.statusCode()).as("/health while the store cannot write").isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"degraded\"", "\"state\":\"failing\"");

            // Reads, pings and other connections still work; every acknowledged message is there, nothing more.
            assertThat(c.request("ping").path("type").asText()).isEqualTo("pong");
            List<Long> stored = new ArrayList<>();
            long after = 0;
            while (true) {
                JsonNode page = c.ok("history", "room", "full", "after", after, "limit", 200).path("messages");
                page.forEach(m -> stored.add(m.path("seq").asLong()));
                if (page.size() < 200) {
                    break;
                }
                after = stored.get(stored.size() - 1);
            }
            assertThat(stored).containsExactlyElementsOf(acked);
            WireClient other = fixture.connect();
            assertThat(other.request("ping").path("type").asText()).isEqualTo("pong");
            assertThat(other.error("send", "room", "full", "text", "x")).isEqualTo("unauthenticated");
            assertThat(logged.list).as("the log says what is wrong")
                    .anyMatch(e -> e.getFormattedMessage().contains("database or disk is full"));
        } finally {
            storeLog.detachAppender(logged);
        }
    }
}

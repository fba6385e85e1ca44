package chatroom.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.RawHttp;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import chatroom.server.testing.WsClient;
import chatroom.testing.Wait;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One set of caps for every listener: chat, HTTP and WebSocket connections count together. */
class ConnectionCapsIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void httpAndWebSocketConnections_countTowardThePerAddressCap_ofTheChatPort() throws IOException {
        try (ServerFixture fixture = new ServerFixture(dataDir,
                b -> b.httpPort(0).maxConnections(100).maxConnectionsPerAddress(5));
             WsClient ws = WsClient.connect(fixture.server().httpPort())) {
            List<RawHttp> http = openHttp(fixture, 4);
            WireClient sixth = fixture.connect();
            assertThat(sixth.untilClosed(Duration.ofSeconds(5))).extracting(n -> n.path("reason").asText())
                    .containsExactly("too_many_connections");
            assertThat(http.get(0).get("/health").status()).as("open HTTP connections keep working").isEqualTo(200);
            assertThat(ws.request("ping").path("type").asText()).isEqualTo("pong");
            http.forEach(RawHttp::close);
        }
    }

    @Test
    void chatConnections_countTowardThePerAddressCap_ofTheHttpPort() throws IOException {
        try (ServerFixture fixture = new ServerFixture(dataDir,
                b -> b.httpPort(0).maxConnections(100).maxConnectionsPerAddress(5).overCapHealthConnections(0))) {
            List<WireClient> chat = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                chat.add(fixture.connect());
            }
            try (RawHttp sixth = new RawHttp(fixture.server().httpPort())) {
                assertThat(sixth.read().status()).as("refused at once, before any request").isEqualTo(503);
                assertThat(sixth.closedByServer()).isTrue();
            }
            assertThat(chat.get(0).request("ping").path("type").asText()).isEqualTo("pong");
            chat.get(1).close();
            Wait.until("a place is free for HTTP", () -> statusOf(fixture, "/") == 200);
        }
    }

    @Test
    void atTheTotalCap_newConnectionsAreRefused_butSessionsChat_andHealthAnswers() throws IOException {
        try (ServerFixture fixture = new ServerFixture(dataDir,
                b -> b.httpPort(0).maxConnections(3).maxConnectionsPerAddress(100))) {
            WireClient alice = fixture.user("alice");
            WireClient bob = fixture.user("bob");
            List<RawHttp> http = openHttp(fixture, 1);

            WireClient refused = fixture.connect();
            assertThat(refused.untilClosed(Duration.ofSeconds(5))).extracting(n -> n.path("reason").asText())
                    .containsExactly("too_many_connections");
            try (RawHttp page = new RawHttp(fixture.server().httpPort())) {
                assertThat(page.get("/").status()).as("the page, beyond the cap").isEqualTo(503);
            }
            try (RawHttp probe = new RawHttp(fixture.server().httpPort())) {
                assertThat(probe.get("/health").status()).as("/health, beyond the cap").isEqualTo(200);
            }
            alice.ok("send", "room", "lobby", "text", "still chatting");
            assertThat(bob.messageIn("lobby").path("text").asText()).isEqualTo("still chatting");
            assertThat(http.get(0).get("/health").status()).isEqualTo(200);
            http.forEach(RawHttp::close);
        }
    }

    /** HTTP connections that have each had one answer, so the server has surely counted them. */
    private static List<RawHttp> openHttp(ServerFixture fixture, int count) throws IOException {
        List<RawHttp> open = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RawHttp http = new RawHttp(fixture.server().httpPort());
            assertThat(http.get("/health").status()).isEqualTo(200);
            open.add(http);
        }
        return open;
    }

    private static int statusOf(ServerFixture fixture, String path) {
        try (RawHttp http = new RawHttp(fixture.server().httpPort())) {
            return http.get(path).status();
        } catch (IOException e) {
            return -1; // refused before the request was even written
        }
    }
}

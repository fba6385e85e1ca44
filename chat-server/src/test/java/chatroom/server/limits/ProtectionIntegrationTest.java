package chatroom.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Careless and hostile peers: the login timeout, connection caps and failed-login throttling. */
class ProtectionIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void connectionThatNeverLogsIn_getsByeLoginTimeout_butOneThatDoesStays() {
        try (ServerFixture fixture = new ServerFixture(dataDir, b -> b.loginTimeoutS(1))) {
            WireClient lurker = fixture.connect();
            WireClient member = fixture.connect();
            member.signUp("punctual");
            List<ObjectNode> last = lurker.untilClosed(Duration.ofSeconds(10));
            assertThat(last).extracting(n -> n.path("reason").asText()).containsExactly("login_timeout");
            assertThat(member.request("ping").path("type").asText()).isEqualTo("pong");
            assertThat(member.isClosed()).isFalse();
        }
    }

    @Test
    void connectionsBeyondThePerAddressCap_areGreetedThenToldWhy_andClosed() {
        try (ServerFixture fixture = new ServerFixture(dataDir, b -> b.maxConnectionsPerAddress(2))) {
            WireClient first = fixture.connect();
            WireClient second = fixture.connect();
            WireClient third = fixture.connect();
            assertThat(third.welcome().path("type").asText()).isEqualTo("welcome");
            assertThat(third.untilClosed(Duration.ofSeconds(5))).extracting(n -> n.path("reason").asText())
                    .containsExactly("too_many_connections");
            assertThat(first.request("ping").path("type").asText()).isEqualTo("pong");
            assertThat(second.request("ping").path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void totalCap_refusesConnectionsBeyondIt_andFreesAPlaceWhenOneCloses() {
        try (ServerFixture fixture = new ServerFixture(dataDir, b -> b.maxConnections(2))) {
            fixture.connect();
            WireClient second = fixture.connect();
            WireClient third = fixture.connect();
            assertThat(third.untilClosed(Duration.ofSeconds(5))).extracting(n -> n.path("reason").asText())
                    .containsExactly("too_many_connections");
            second.close();
            chatroom.testing.Wait.until("a place is free", () -> fixture.server().connectionCount() == 1);
            WireClient fourth = fixture.connect();
            assertThat(fourth.request("ping").path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void failedLogins_slowDownTheirAccountAndAddress_butTheRightPasswordIsNeverRefused() {
        try (ServerFixture fixture = new ServerFixture(dataDir, b -> b.loginFailuresBeforeDelay(2))) {
            WireClient c = fixture.connect();
            c.register("target", "right-password");
            assertThat(c.error("login", "user", "target", "password", "guess-1")).isEqualTo("bad_credentials");
            assertThat(c.error("login", "user", "target", "password", "guess-2")).isEqualTo("bad_credentials");
            long start = System.nanoTime();
            assertThat(c.error("login", "user", "target", "password", "guess-3")).isEqualTo("bad_credentials");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("third answer delayed")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(240));
            assertThat(c.error("login", "user", "target", "password", "guess-4")).isEqualTo("bad_credentials");
            start = System.nanoTime();
            assertThat(c.request("login", "user", "target", "password", "right-password").path("type").asText())
                    .as("slowed, not locked out").isEqualTo("ok");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fifth answer delayed 1 s")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(990));
            assertThat(c.request("ping").path("type").asText()).as("other requests unaffected").isEqualTo("pong");
        }
    }
}

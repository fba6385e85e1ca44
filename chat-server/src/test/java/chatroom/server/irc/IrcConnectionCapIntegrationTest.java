package chatroom.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.irc.IrcConfig;
import chatroom.server.testing.IrcClient;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IRC connections count toward the connection caps shared by every listener. */
class IrcConnectionCapIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void ircConnections_countTowardThePerAddressCap() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dataDir,
                b -> b.maxConnections(100).maxConnectionsPerAddress(2).irc(new IrcConfig(0, "")));
             IrcClient first = new IrcClient(fixture.server().ircPort());
             IrcClient second = new IrcClient(fixture.server().ircPort())) {
            chatroom.testing.Wait.until("both IRC connections are counted",
                    () -> fixture.server().connectionCount() == 2);
            WireClient third = fixture.connect();
            assertThat(third.untilClosed(Duration.ofSeconds(10)))
                    .anyMatch(m -> "too_many_connections".equals(m.path("reason").asText()));
            try (IrcClient fourth = new IrcClient(fixture.server().ircPort())) {
                assertThat(fourth.awaitCommand("ERROR")).contains("too_many_connections");
                fourth.awaitClosed();
            }
        }
    }
}

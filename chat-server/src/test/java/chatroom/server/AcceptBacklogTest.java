package chatroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.config.ListenerSettings;
import chatroom.server.irc.IrcConfig;
import chatroom.server.testing.ServerFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --accept-backlog}: the accept queue every port asks the kernel for, the chat port's and the others'. */
class AcceptBacklogTest {

    @TempDir
    Path dataDir;

    @Test
    void byDefault_theChatPortAsksForTheDocumentedBacklog() {
        try (ServerFixture fixture = new ServerFixture(dataDir)) {
            assertThat(fixture.server().acceptBacklogs()).containsExactly(ListenerSettings.DEFAULT_ACCEPT_BACKLOG);
        }
    }

    @Test
    void aConfiguredBacklog_reachesTheChatHttpAndIrcPorts() {
        try (ServerFixture fixture = new ServerFixture(dataDir,
                b -> b.acceptBacklog(4096).httpPort(0).irc(new IrcConfig(0, "")))) {
            assertThat(fixture.server().acceptBacklogs()).containsExactly(4096, 4096, 4096);
            assertThat(fixture.connect().signUp("积压用户").path("token").asText()).isNotEmpty();
        }
    }
}

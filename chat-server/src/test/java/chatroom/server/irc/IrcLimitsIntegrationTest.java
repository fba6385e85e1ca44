package chatroom.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.irc.IrcConfig;
import chatroom.server.testing.IrcClient;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON protocol's send rate limit holds for IRC sessions too; QUIT ends the link cleanly. */
class IrcLimitsIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void privmsgFasterThanTheRateLimit_gets404ForTheExcess_andNothingOfItIsStored() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dataDir, b -> b.rate(1).burst(2).irc(new IrcConfig(0, "")))) {
            WireClient json = fixture.user("watcher");
            json.ok("join", "room", "flood");
            fixture.user("flooder");
            try (IrcClient client = new IrcClient(fixture.server().ircPort()).passLogin("flooder", "password-flooder")) {
                client.send("JOIN #flood");
                client.awaitCommand("366");
                for (int i = 1; i <= 5; i++) {
                    client.send("PRIVMSG #flood :flood " + i);
                }
                assertThat(client.awaitCommand("404")).contains("#flood", "too many messages");
                client.send("QUIT :bye");
                assertThat(client.awaitCommand("ERROR")).contains("Quit");
                client.awaitClosed();
            }
            ObjectNode history = json.ok("history", "room", "flood");
            assertThat(history.path("messages").size()).isLessThan(5);
        }
    }
}

package chatroom.server.irc;

import static chatroom.server.testing.Programs.installed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chatroom.server.irc.IrcConfig;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import chatroom.testing.Wait;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real irssi (Debian package {@code irssi}, run headless in tmux) logs in with SASL PLAIN, joins a
 * room, and exchanges CJK messages with a JSON session. Skipped where irssi or tmux is missing.
 */
class IrssiIntegrationTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path home;

    @Test
    void irssi_logsInWithSasl_andTalksWithAJsonSession() throws Exception {
        assumeTrue(installed("irssi") && installed("tmux"), "irssi and tmux are not installed");
        try (ServerFixture fixture = new ServerFixture(dataDir, b -> b.irc(new IrcConfig(0, "")))) {
            WireClient json = fixture.user("web");
            json.ok("join", "room", "终端");
            fixture.user("irssi");
            Path logs = home.resolve("logs");
            Files.writeString(home.resolve("config"), """
                    servers = (
                      { address = "127.0.0.1"; chatnet = "chatroom"; port = "%d"; use_tls = "no"; autoconnect = "yes"; }
                    );
                    chatnets = {
                      chatroom = {
                        type = "IRC";
                        sasl_mechanism = "PLAIN";
                        sasl_username = "irssi";
                        sasl_password = "password-irssi";
                        autosendcmd = "/join #终端; wait 1000; /msg #终端 你好 from irssi";
                      };
                    };
                    settings = {
                      core = { real_name = "irssi"; user_name = "irssi"; nick = "irssi"; };
                      "fe-common/core" = { autolog = "yes"; autolog_path = "%s/$tag/$0.log"; };
                    };
                    """.formatted(fixture.server().ircPort(), logs), StandardCharsets.UTF_8);
            String session = "chatroom-irssi-" + ProcessHandle.current().pid();
            Process tmux = new ProcessBuilder("tmux", "new-session", "-d", "-s", session, "-x", "200", "-y", "50",
                    "irssi --home=" + home).redirectErrorStream(true).start();
            assertThat(tmux.waitFor()).isZero();
            try {
                ObjectNode fromIrssi = json.event(e -> "message".equals(e.path("type").asText())
                        && "irssi".equals(e.path("from").asText()), Duration.ofSeconds(30));
                assertThat(fromIrssi.path("text").asText()).isEqualTo("你好 from irssi");
                json.ok("send", "room", "终端", "text", "欢迎 from the web");
                Wait.until("irssi logs the web message", Duration.ofSeconds(20), () -> logContains(logs,
                        "欢迎 from the web"));
            } finally {
                new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor();
            }
        }
    }

    private static boolean logContains(Path logs, String text) {
        if (!Files.isDirectory(logs)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(logs)) {
            return files.filter(Files::isRegularFile).anyMatch(file -> {
                try {
                    return Files.readString(file, StandardCharsets.UTF_8).contains(text);
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }
}

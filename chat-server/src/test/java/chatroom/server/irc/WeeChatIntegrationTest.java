package chatroom.server.irc;

import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;

import static chatroom.server.testing.Programs.installed;
import static chatroom.server.testing.Programs.readSoFar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chatroom.testing.Wait;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real WeeChat (Debian package {@code weechat-headless}) logs in with SASL PLAIN, is joined to
 * its rooms, exchanges CJK messages with a JSON session, and after a restart gets the message it
 * missed. Driven headless: commands at start ({@code -r}) and through its FIFO plugin, output read
 * from its logger plugin's files (flushed at once). Skipped where weechat-headless is missing.
 */
class WeeChatIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    @TempDir
    Path home;

    @Test
    void weechat_logsInWithSasl_talksWithAJsonSession_andGetsTheReplayAfterARestart() throws Exception {
        assumeTrue(installed("weechat-headless"), "weechat-headless is not installed");
        try (ServerFixture fixture = new ServerFixture(dataDir, b -> b.irc(new IrcConfig(0, "")))) {
            WireClient web = fixture.user("web");
            web.ok("join", "room", "周会");
            WireClient member = fixture.user("wee");
            member.ok("join", "room", "周会");
            member.close();
            int port = fixture.server().ircPort();
            Path logs = home.resolve("logs");
            Path channelLog = logs.resolve("irc.chatroom.#周会.weechatlog");

            Path fifo = home.resolve("fifo-1");
            Process weechat = start(port, home.resolve("run-1"), logs, fifo);
            try {
                // the gateway joins the account's rooms on registration: no /join is typed
                Wait.until("WeeChat is joined to #周会", PATIENCE, () -> readSoFar(channelLog).contains("has joined #周会"));
                Wait.until("WeeChat opens its FIFO", PATIENCE, () -> Files.exists(fifo));
                command(fifo, "*/msg #周会 你好 from WeeChat");
                ObjectNode fromWeeChat = web.event(e -> "message".equals(e.path("type").asText())
                        && "wee".equals(e.path("from").asText()), PATIENCE);
                assertThat(fromWeeChat.path("room").asText()).isEqualTo("周会");
                assertThat(fromWeeChat.path("text").asText()).isEqualTo("你好 from WeeChat");

                web.ok("send", "room", "周会", "text", "欢迎 from the web");
                Wait.until("WeeChat logs the web message", PATIENCE,
                        () -> readSoFar(channelLog).contains("web\t欢迎 from the web"));
            } finally {
                stop(weechat);
            }

            web.ok("send", "room", "周会", "text", "错过的 while WeeChat was away");
            Process again = start(port, home.resolve("run-2"), logs, home.resolve("fifo-2"));
            try {
                Wait.until("WeeChat gets the missed message replayed", PATIENCE,
                        () -> readSoFar(channelLog).contains("web\t错过的 while WeeChat was away"));
            } finally {
                stop(again);
            }
        }
    }

    private static Process start(int port, Path dir, Path logs, Path fifo) throws IOException {
        String commands = String.join(";",
                "/set logger.file.flush_delay 0",
                "/set logger.file.path " + logs,
                "/set fifo.file.path " + fifo,
                "/server add chatroom 127.0.0.1/" + port + " -notls -nicks=wee -username=wee -realname=wee"
                        + " -sasl_mechanism=plain -sasl_username=wee -sasl_password=password-wee",
                "/connect chatroom");
        Files.createDirectories(dir);
        return new ProcessBuilder("weechat-headless", "--dir", dir.toString(), "-r", commands)
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
    }

    /** A command for the server buffer through the FIFO plugin ({@code plugin.buffer *command}). */
    private static void command(Path fifo, String command) throws IOException {
        Files.writeString(fifo, "irc.server.chatroom " + command + "\n", StandardCharsets.UTF_8);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ii (Debian package {@code ii}, the suckless FIFO client) driven through its file
 * interface: it logs in with {@code PASS account:password}, joins a room, exchanges CJK messages
 * with a JSON session in both directions, and after a reconnect finds itself in the room again with
 * the message it missed replayed. Skipped where ii is missing.
 */
class IiIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    @TempDir
    Path ircDir;

    @Test
    void ii_logsInWithPass_talksWithAJsonSession_andGetsTheReplayAfterReconnecting() throws Exception {
        assumeTrue(installed("ii"), "ii is not installed");
        try (ServerFixture fixture = new ServerFixture(dataDir, b -> b.irc(new IrcConfig(0, "")))) {
            WireClient web = fixture.user("web");
            web.ok("join", "room", "iiroom");
            fixture.user("iiuser");
            int port = fixture.server().ircPort();
            Path server = ircDir.resolve("127.0.0.1");
            Path channel = server.resolve("#iiroom");

            Process ii = startIi(port);
            try {
                // ii opens its FIFOs before it registers: a JOIN typed earlier would get 451
                Wait.until("ii is welcomed", PATIENCE, () -> readSoFar(server.resolve("out")).contains("Welcome"));
                write(server.resolve("in"), "/j #iiroom");
                Wait.until("ii opens the channel FIFO", PATIENCE, () -> Files.exists(channel.resolve("in")));
                write(channel.resolve("in"), "你好 from ii");
                ObjectNode fromIi = web.event(e -> "message".equals(e.path("type").asText())
                        && "iiuser".equals(e.path("from").asText()), PATIENCE);
                assertThat(fromIi.path("room").asText()).isEqualTo("iiroom");
                assertThat(fromIi.path("text").asText()).isEqualTo("你好 from ii");

                web.ok("send", "room", "iiroom", "text", "欢迎 from the web");
                Wait.until("ii writes the web message to the channel's out file", PATIENCE,
                        () -> readSoFar(channel.resolve("out")).contains("<web> 欢迎 from the web"));
            } finally {
                stop(ii);
            }

            web.ok("send", "room", "iiroom", "text", "错过的 while ii was away");
            Process again = startIi(port);
            try {
                // nothing is typed: the gateway joins the account's rooms and replays what it missed
                Wait.until("ii gets the missed message replayed", PATIENCE,
                        () -> readSoFar(channel.resolve("out")).contains("<web> 错过的 while ii was away"));
            } finally {
                stop(again);
            }
        }
    }

    private Process startIi(int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("ii", "-s", "127.0.0.1", "-p", Integer.toString(port),
                "-n", "iiuser", "-f", "ii user", "-i", ircDir.toString(), "-k", "IIPASS")
                .redirectErrorStream(true).redirectOutput(ircDir.resolve("ii.log").toFile());
        builder.environment().put("IIPASS", "iiuser:password-iiuser");
        return builder.start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** One line into one of ii's FIFOs (ii holds it open for reading while it runs). */
    private static void write(Path fifo, String line) throws IOException {
        Files.writeString(fifo, line + "\n", StandardCharsets.UTF_8);
    }
}

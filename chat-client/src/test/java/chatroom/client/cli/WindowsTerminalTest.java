package chatroom.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.client.BlockingChatClient;
import chatroom.client.ChatClient;
import chatroom.client.ClientOptions;
import chatroom.server.ChatServer;
import chatroom.server.config.ServerConfig;
import chatroom.testing.Wait;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interactive windows on a terminal over pipes, against the real server: other windows' messages
 * do not flood the current one, the activity line names them, a mention rings the bell once,
 * {@code Alt-N}, {@code /window N} and {@code /query} switch windows.
 */
class WindowsTerminalTest {

    @TempDir
    Path dataDir;
    private ChatServer server;
    private final ExecutorService console = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        console.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void otherWindowsCollectActivity_mentionsRingOnce_andAltNSwitches() throws Exception {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
                .registrationsPerMinute(1000).build());
        PipedInputStream keyboard = new PipedInputStream();
        PipedOutputStream typist = new PipedOutputStream(keyboard);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ClientOptions options = ClientOptions.builder().host("127.0.0.1").port(server.port()).build();
        try (ChatClient bobClient = ChatClient.create(options); ChatClient hongClient = ChatClient.create(options);
             ChatClient setup = ChatClient.create(options);
             Terminal terminal = TerminalBuilder.builder().system(false).streams(keyboard, screen)
                     .type("xterm-256color").size(new Size(100, 30)).encoding(StandardCharsets.UTF_8).build()) {
            BlockingChatClient bob = bobClient.blocking();
            bob.connect();
            bob.register("bob", "password1");
            bob.login("bob", "password1");
            bob.join("study");
            BlockingChatClient earlier = setup.blocking();
            earlier.connect();
            earlier.register("小红", "password1");
            earlier.login("小红", "password1");
            earlier.join("study");
            earlier.logout();
            bob.send("study", "sent while 小红 was away");
            bob.send("study", "also while away");
            hongClient.connect().get(10, TimeUnit.SECONDS);

            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            TerminalView view = new TerminalView(reader, new LineFormatter(false, false, ZoneOffset.UTC));
            ChatShell shell = new ChatShell(hongClient, view);
            shell.login(hongClient.login("小红", "password1")).get(10, TimeUnit.SECONDS);
            InteractiveConsole interactive = new InteractiveConsole(reader, shell);
            console.submit(() -> {
                interactive.run();
                return null;
            });
            Wait.until("the lobby window's prompt", () -> text(screen).contains("[lobby]> "));

            bob.send("study", "期末复习 tonight");
            bob.send("study", "bring notes @小红");
            Wait.until("the activity line names the study window", () -> text(screen).contains("Act: 3"));
            assertThat(text(screen)).doesNotContain("期末复习 tonight");
            Wait.until("the mention rings the bell", () -> bells(screen) > 0);

            typist.write("\u001b3".getBytes(StandardCharsets.UTF_8)); // Alt-3
            typist.flush();
            Wait.until("switching prints what arrived there", () -> text(screen).contains("[study] bob: 期末复习 tonight")
                    && text(screen).contains("[study]> "));
            assertThat(text(screen)).as("the unread messages from before the login are there too")
                    .contains("[study] bob: sent while 小红 was away", "[study] bob: also while away");

            typist.write("/query bob\rhi bob\r".getBytes(StandardCharsets.UTF_8));
            typist.flush();
            Wait.until("the direct window's prompt", () -> text(screen).contains("[@bob]> "));
            Wait.until("bob got the direct message", () -> bob.historyWith("小红", null, null, 10).messages().stream()
                    .anyMatch(m -> m.text().equals("hi bob")));

            int before = text(screen).length();
            typist.write("/window 2\r".getBytes(StandardCharsets.UTF_8));
            typist.flush();
            Wait.until("back in the lobby", () -> text(screen).substring(before).contains("[lobby]> "));
            assertThat(bells(screen)).as("one bell for one mention, none for own messages").isEqualTo(1);
            typist.write("/quit\r".getBytes(StandardCharsets.UTF_8));
            typist.flush();
        }
    }

    private static long bells(ByteArrayOutputStream screen) {
        return text(screen).chars().filter(c -> c == 7).count();
    }

    private static String text(ByteArrayOutputStream screen) {
        return screen.toString(StandardCharsets.UTF_8);
    }
}

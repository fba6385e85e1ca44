package chatroom.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.client.BlockingChatClient;
import chatroom.client.ChatClient;
import chatroom.client.ClientOptions;
import chatroom.server.ChatServer;
import chatroom.server.config.ServerConfig;
import chatroom.testing.Wait;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's side of protocol section 10 in scriptable mode, as a process on a pipe against the real
 * server: the login summary, direct history, search, edit, delete, {@code /me}, hints, retries.
 */
class NeverMissCliIntegrationTest {

    @TempDir
    Path dataDir;
    private ChatServer server;
    private Process cli;

    @AfterEach
    void tearDown() {
        if (cli != null) {
            cli.destroyForcibly();
        }
        if (server != null) {
            server.close();
        }
    }

    private void startServer(ServerConfig.Builder config) throws Exception {
        server = ChatServer.start(config.host("127.0.0.1").port(0).dataDir(dataDir).registrationsPerMinute(1000)
                .build());
    }

    private List<String> startCli() throws Exception {
        cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--host", "127.0.0.1", "--port", String.valueOf(server.port()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(cli.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private void type(String text) throws Exception {
        OutputStream stdin = cli.getOutputStream();
        stdin.write(text.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private BlockingChatClient user(ChatClient client, String name, String... rooms) {
        BlockingChatClient user = client.blocking();
        user.connect();
        user.register(name, "password1");
        user.login(name, "password1");
        for (String room : rooms) {
            user.join(room);
        }
        return user;
    }

    private ChatClient newClient() {
        return ChatClient.create(ClientOptions.builder().host("127.0.0.1").port(server.port()).build());
    }

    private void finish() throws Exception {
        cli.getOutputStream().close();
        assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).isZero();
    }

    @Test
    void offlineDirectMessage_isSummedUpAtLogin_andReadableWithHistoryAndSearch() throws Exception {
        startServer(ServerConfig.builder());
        try (ChatClient liClient = newClient(); ChatClient bobClient = newClient()) {
            user(liClient, "李雷", "study").logout();
            BlockingChatClient bob = user(bobClient, "bob", "study");
            bob.send("study", "明天期末复习");
            bob.send("study", "带上笔记");
            bob.send("study", "还有 @李雷 的书");
            bob.sendDirect("李雷", "see you at 8");

            List<String> lines = startCli();
            type("/login 李雷 password1\n");
            Wait.until("the summary", () -> lines.stream().anyMatch(l -> l.contains("unread in #study")));
            assertThat(lines).anyMatch(l -> l.startsWith("* ") && l.contains("3 unread in #study (1 mention)")
                    && l.contains("1 direct message from bob"));

            type("/history @bob\n/search 复习\n");
            Wait.until("the direct history", () -> lines.contains("[@bob] bob: see you at 8"));
            Wait.until("the search hit", () -> lines.stream()
                    .anyMatch(l -> l.startsWith("* [study #1 ") && l.endsWith("bob: 明天期末复习")));
            type("/history #study 2\n");
            Wait.until("the room history", () -> lines.contains("[study] bob: 还有 @李雷 的书"));
            type("/history #study 2\n");
            Wait.until("the next page back", () -> lines.contains("* 1 message(s) of study before #2:")
                    && lines.contains("[study] bob: 明天期末复习"));
            assertThat(lines.indexOf("[study] bob: 明天期末复习"))
                    .isGreaterThan(lines.indexOf("* 1 message(s) of study before #2:"));
            finish();
        }
    }

    @Test
    void printedMessages_moveTheReadMarker_throttled() throws Exception {
        startServer(ServerConfig.builder());
        try (ChatClient bobClient = newClient(); ChatClient otherDevice = newClient()) {
            BlockingChatClient bob = user(bobClient, "bob", "lobby");
            List<chatroom.codec.message.ReadMarked> reads = new CopyOnWriteArrayList<>();
            otherDevice.addListener(new chatroom.client.ChatListener() {
                @Override
                public void onRead(chatroom.codec.message.ReadMarked read) {
                    reads.add(read);
                }
            });
            List<String> lines = startCli();
            type("/register 小明 password1\n");
            Wait.until("logged in", () -> lines.stream().anyMatch(l -> l.startsWith("* logged in as 小明")));
            BlockingChatClient device = otherDevice.blocking();
            device.connect();
            device.login("小明", "password1");
            for (int i = 1; i <= 5; i++) {
                bob.send("lobby", "消息 " + i);
            }
            Wait.until("the cli printed them", () -> lines.contains("[lobby] bob: 消息 5"));
            Wait.until("the marker followed", () -> device.conversations(null).conversations().stream()
                    .anyMatch(c -> "lobby".equals(c.room()) && c.unread() == 0 && c.read() == c.seq()));
            assertThat(reads).as("one read a second at most, not one per line").hasSizeLessThan(5);
            finish();
        }
    }

    @Test
    void editDeleteMe_andTopic_inTheCurrentRoom() throws Exception {
        startServer(ServerConfig.builder());
        List<String> lines = startCli();
        type("/register 小明 password1\n/join study\n/topic\n/topic 期末复习\n/topic\n"
                + "first try\n/edit second try\n/me waves\n/delete\n/edit 1 third try\n/foo\n");
        finish();
        assertThat(lines).anyMatch(l -> l.startsWith("* logged in as 小明")).contains("* joined study (1 member)",
                "* study has no topic", "* topic of study: 期末复习",
                "[study] 小明: first try", "[study] 小明 edited #1: second try",
                "[study] * 小明 waves", "[study] 小明 deleted #2", "[study] 小明 edited #1: third try")
                .anyMatch(l -> l.equals("! unknown_command: unknown command /foo; /help lists commands"))
                .noneMatch(l -> l.startsWith("*   /join"));
    }

    @Test
    void piping_fasterThanTheRateLimit_sendsEveryLineInOrder() throws Exception {
        startServer(ServerConfig.builder().rate(2).burst(2));
        List<String> lines = startCli();
        StringBuilder script = new StringBuilder("/register 小明 password1\n");
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            script.append("line ").append(i).append('\n');
            expected.add("[lobby] 小明: line " + i);
        }
        type(script.toString());
        finish();
        assertThat(lines).noneMatch(l -> l.contains("rate_limited"));
        assertThat(lines.stream().filter(l -> l.startsWith("[lobby] 小明: ")).toList()).isEqualTo(expected);
    }

    @Test
    void download_acceptsAUniquePrefixOfTheFileName(@TempDir Path local) throws Exception {
        startServer(ServerConfig.builder());
        Path source = Files.writeString(local.resolve("期末笔记.txt"), "复习 notes");
        Path inbox = Files.createDirectory(local.resolve("inbox"));
        List<String> lines = startCli();
        type("/register 小明 password1\n/upload " + source + "\n/download 期末 " + inbox + "\n");
        finish();
        assertThat(lines).contains("* saved " + inbox.resolve("期末笔记.txt").toAbsolutePath());
        assertThat(Files.readString(inbox.resolve("期末笔记.txt"))).isEqualTo("复习 notes");
    }
}

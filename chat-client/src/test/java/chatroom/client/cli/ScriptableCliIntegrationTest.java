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
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client as a process with a pipe for standard input: scriptable mode, against the real server. */
class ScriptableCliIntegrationTest {

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

    private Process startCli(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--host", "127.0.0.1", "--port", String.valueOf(server.port())));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static List<String> collect(Process process) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
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

    @Test
    void script_registersJoinsSends_andPrintsWhatAnotherClientSent() throws Exception {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).registrationsPerMinute(1000).build());
        try (ChatClient bobClient = ChatClient.create(ClientOptions.builder().host("127.0.0.1").port(server.port())
                .build())) {
            BlockingChatClient bob = bobClient.blocking();
            bob.connect();
            bob.register("bob", "password1");
            bob.login("bob", "password1");
            bob.join("cafe");

            cli = startCli();
            List<String> lines = collect(cli);
            OutputStream stdin = cli.getOutputStream();
            stdin.write("/register 小明 password1\n/login 小明 password1\n/join cafe\nhello from the cli 你好\n"
                    .getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            Wait.until("own message echoed", () -> lines.contains("[cafe] 小明: hello from the cli 你好"));

            bob.send("cafe", "hi 小明");
            Wait.until("bob's message printed", () -> lines.contains("[cafe] bob: hi 小明"));
            stdin.write("/msg bob see you\n/bogus\n".getBytes(StandardCharsets.UTF_8));
            stdin.close();
            assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(cli.exitValue()).isZero();
            assertThat(lines).contains("* joined cafe (2 members)", "[@bob] 小明: see you")
                    .anyMatch(line -> line.startsWith("! unknown_command"));
        }
    }

    @Test
    void filesCommands_uploadListAndDownload(@TempDir Path local) throws Exception {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).registrationsPerMinute(1000).build());
        byte[] content = new byte[120_000];
        new java.util.Random(7).nextBytes(content);
        Path source = java.nio.file.Files.write(local.resolve("笔记.bin"), content);
        Path inbox = java.nio.file.Files.createDirectory(local.resolve("inbox"));
        cli = startCli();
        List<String> lines = collect(cli);
        OutputStream stdin = cli.getOutputStream();
        stdin.write(("/register 小明 password1\n/login 小明 password1\n/upload " + source + "\n")
                .getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        Wait.until("upload done", () -> lines.stream().anyMatch(l -> l.startsWith("* shared 笔记.bin")));
        String shared = lines.stream().filter(l -> l.startsWith("* shared 笔记.bin")).findFirst().orElseThrow();
        String fileId = shared.substring(shared.lastIndexOf(' ') + 1);
        assertThat(shared).isEqualTo("* shared 笔记.bin (117.2 KB) in lobby as " + fileId);

        stdin.write(("/files\n/download " + fileId + " " + inbox + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.close();
        assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).isZero();
        assertThat(lines).contains("* " + fileId + "  笔记.bin  117.2 KB  from 小明",
                "* saved " + inbox.resolve("笔记.bin").toAbsolutePath());
        assertThat(java.nio.file.Files.readAllBytes(inbox.resolve("笔记.bin"))).isEqualTo(content);
    }

    @Test
    void uploadOverTheFileQuota_isExplainedPlainly(@TempDir Path local) throws Exception {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
                .fileQuotas(new chatroom.server.files.FileQuotas(1024, 1024 * 1024, 0)).build());
        Path source = java.nio.file.Files.write(local.resolve("大文件.bin"), new byte[4096]);
        cli = startCli();
        List<String> lines = collect(cli);
        OutputStream stdin = cli.getOutputStream();
        stdin.write(("/register 小明 password1\n/login 小明 password1\n/upload " + source + "\n")
                .getBytes(StandardCharsets.UTF_8));
        stdin.close();
        assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("! quota_exceeded")
                .contains("not uploaded: the server has no room for this file").contains("quota"));
    }

    @Test
    void privateRoomsMutesAndAdminCommands() throws Exception {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).registrationsPerMinute(1000)
                .admins(java.util.Set.of("boss")).build());
        try (ChatClient bobClient = ChatClient.create(ClientOptions.builder().host("127.0.0.1").port(server.port())
                .build())) {
            List<chatroom.codec.message.Event> bobEvents = new CopyOnWriteArrayList<>();
            bobClient.addListener(new chatroom.client.ChatListener() {
                @Override
                public void onEvent(chatroom.codec.message.Event event) {
                    bobEvents.add(event);
                }
            });
            BlockingChatClient bob = bobClient.blocking();
            bob.connect();
            bob.register("bob", "password1");
            bob.login("bob", "password1");

            cli = startCli();
            List<String> lines = collect(cli);
            OutputStream stdin = cli.getOutputStream();
            stdin.write(("/register boss password1\n/login boss password1\n/create 密室 bob\n/mute 密室 bob 60\n"
                    + "/admin help\n/admin rename-user bob 小波\n/admin nonsense\n/admin grant 小波\n/admin revoke 小波\n"
                    + "/admin revoke boss\n").getBytes(StandardCharsets.UTF_8));
            stdin.close();
            assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(cli.exitValue()).isZero();
            assertThat(lines).contains("* created the private room 密室 with bob", "* muted bob in 密室 for 60 s",
                    "* renamed bob to 小波", "* admin commands (server admins only):")
                    .anyMatch(line -> line.startsWith("*   /admin rename-room ROOM NEW_NAME"))
                    .anyMatch(line -> line.startsWith("! usage: /admin nonsense"))
                    .contains("* 小波 is now a server admin", "* 小波 is no longer a server admin")
                    .anyMatch(line -> line.startsWith("! forbidden"))
                    .anyMatch(line -> line.startsWith("*   /admin grant USER"));
            Wait.until("bob hears of all three", () -> bobEvents.stream().map(chatroom.codec.message.Event::type)
                    .toList().containsAll(List.of("presence", "muted", "renamed")));
        }
    }

    @Test
    void failedLogin_exitsNonZero() throws Exception {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).registrationsPerMinute(1000).build());
        cli = startCli();
        List<String> lines = collect(cli);
        cli.getOutputStream().write("/login ghost password1\n".getBytes(StandardCharsets.UTF_8));
        cli.getOutputStream().close();
        assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).isEqualTo(1);
        assertThat(lines).anyMatch(line -> line.startsWith("! bad_credentials"));
    }

    @Test
    void json_printsEventsAndResultsAsJsonLines() throws Exception {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).registrationsPerMinute(1000).build());
        cli = startCli("--json");
        List<String> lines = collect(cli);
        cli.getOutputStream().write("/register jay password1\n/login jay password1\n/join j\nhey\n"
                .getBytes(StandardCharsets.UTF_8));
        cli.getOutputStream().close();
        assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).isZero();
        assertThat(lines).allMatch(line -> line.startsWith("{") && line.endsWith("}"))
                .anyMatch(line -> line.contains("\"type\":\"message\"") && line.contains("\"text\":\"hey\""));
    }

    @Test
    void unreachableServer_exitsNonZero() throws Exception {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).registrationsPerMinute(1000).build());
        int port = server.port();
        server.close();
        server = null;
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--host", "127.0.0.1",
                "--port", String.valueOf(port)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        cli = process;
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
    }
}

package chatroom.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.client.BlockingChatClient;
import chatroom.client.ChatClient;
import chatroom.client.ClientOptions;
import chatroom.server.ChatServer;
import chatroom.server.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tab completion knows online users, rooms and shared files right after login, before any /users or /files. */
class CompletionTest {

    @TempDir
    Path dataDir;
    private ChatServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void rightAfterLogin_completesOnlineUsersRoomsAndFiles(@TempDir Path local) throws Exception {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
                .registrationsPerMinute(1000).build());
        ClientOptions options = ClientOptions.builder().host("127.0.0.1").port(server.port()).build();
        try (ChatClient bobClient = ChatClient.create(options); ChatClient client = ChatClient.create(options)) {
            BlockingChatClient bob = bobClient.blocking();
            bob.connect();
            bob.register("bobby", "password1");
            bob.login("bobby", "password1");
            bob.join("期末复习");
            bobClient.files().upload("lobby", Files.writeString(local.resolve("笔记.txt"), "notes"), (d, t) -> { })
                    .get(10, TimeUnit.SECONDS);

            ChatShell shell = new ChatShell(client, new PlainView(new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8)));
            client.connect().get(10, TimeUnit.SECONDS);
            shell.execute("/register 小明 password1").get(10, TimeUnit.SECONDS);

            assertThat(complete(shell, "hi ")).contains("bobby", "期末复习", "lobby");
            assertThat(complete(shell, "/download ")).contains("笔记.txt");
        }
    }

    private static List<String> complete(ChatShell shell, String typed) {
        List<Candidate> candidates = new ArrayList<>();
        InteractiveConsole.completer(shell).complete(null, new DefaultParser().parse(typed, typed.length()), candidates);
        return candidates.stream().map(Candidate::value).toList();
    }
}

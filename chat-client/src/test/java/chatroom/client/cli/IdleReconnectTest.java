package chatroom.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.client.ChatClient;
import chatroom.client.ClientOptions;
import chatroom.client.ConnectionState;
import chatroom.server.ChatServer;
import chatroom.server.config.ServerConfig;
import chatroom.testing.Wait;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user who reads {@code /help} longer than the server's login timeout is not thrown out: the
 * server closes the idle connection ({@code bye login_timeout}), and {@code /register} reconnects
 * without a word and logs in.
 */
class IdleReconnectTest {

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
    void register_afterTheServerClosedAnIdleConnection_reconnectsQuietlyAndLogsIn() throws Exception {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
                .registrationsPerMinute(1000).loginTimeoutS(1).build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChatClient client = ChatClient.create(ClientOptions.builder().host("127.0.0.1").port(server.port()).build())) {
            ChatShell shell = new ChatShell(client, new PlainView(new PrintStream(out, true, StandardCharsets.UTF_8)));
            client.connect().get(10, TimeUnit.SECONDS);
            shell.execute("/help").get(10, TimeUnit.SECONDS);
            Wait.until("the server closes the idle connection", () -> client.state() == ConnectionState.IDLE);
            int before = out.size();

            shell.execute("/register 新人 password1").get(10, TimeUnit.SECONDS);

            String after = out.toString(StandardCharsets.UTF_8).substring(before);
            assertThat(after).startsWith("* logged in as 新人").doesNotContain("connect", "closed");
            assertThat(client.user()).isEqualTo("新人");
        }
    }
}

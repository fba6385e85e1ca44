package chatroom.client;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.message.Results.LoginResult;
import chatroom.server.ChatServer;
import chatroom.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server with one hashing thread and a queue of one: bursts of sign-ups get busy, and the library retries. */
class LoginRetryIntegrationTest {

    private static final int BURST = 8;

    @TempDir
    Path dataDir;
    private ChatServer server;
    private final List<ChatClient> clients = new ArrayList<>();

    @AfterEach
    void tearDown() {
        clients.forEach(ChatClient::close);
        if (server != null) {
            server.close();
        }
    }

    private List<CompletableFuture<LoginResult>> burst(String prefix, int loginRetries) throws Exception {
        List<ChatClient> burst = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            ChatClient client = ChatClient.create(ClientOptions.builder().host("127.0.0.1").port(server.port())
                    .loginRetries(loginRetries).build());
            client.connect().get(10, TimeUnit.SECONDS);
            burst.add(client);
            clients.add(client);
        }
        List<CompletableFuture<LoginResult>> logins = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            logins.add(burst.get(i).registerAndLogin(prefix + i, "password-" + prefix + i));
        }
        CompletableFuture.allOf(logins.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .get(60, TimeUnit.SECONDS);
        return logins;
    }

    @Test
    void burstOfSignUps_getsBusyWithARetryTime_andTheLibrarysRetriesLogEveryoneIn() throws Exception {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
                .hashThreads(1).hashQueue(1).registrationsPerMinute(1000).shutdownGraceS(2).build());

        List<CompletableFuture<LoginResult>> withoutRetries = burst("plain", 0);
        List<ChatException> refusals = withoutRetries.stream().filter(CompletableFuture::isCompletedExceptionally)
                .map(f -> (ChatException) f.handle((ok, e) -> e instanceof CompletionException c ? c.getCause() : e)
                        .join())
                .toList();
        assertThat(refusals).as("without retries some of the burst is refused").isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(e.code()).isEqualTo("busy");
                    assertThat(e.retryAfterMs()).isPositive();
                });

        List<CompletableFuture<LoginResult>> withRetries = burst("retried", ClientOptions.DEFAULT_LOGIN_RETRIES);
        for (int i = 0; i < BURST; i++) {
            LoginResult result = withRetries.get(i).join();
            assertThat(result.user()).isEqualTo("retried" + i);
            assertThat(result.token()).isNotBlank();
        }
        assertThat(clients.get(BURST).token()).as("the library keeps the token of register {login: true}")
                .isNotBlank();
    }
}

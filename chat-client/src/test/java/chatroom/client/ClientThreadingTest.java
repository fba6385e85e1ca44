package chatroom.client;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.ChatServer;
import chatroom.server.config.ServerConfig;
import chatroom.testing.Wait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listeners run on the client's own thread: what they call must neither deadlock nor fail
 * silently there (close hands off, blocking waits refuse at once), and a host name is resolved
 * without blocking that thread.
 */
class ClientThreadingTest {

    @TempDir
    Path dataDir;
    private ChatServer server;
    private final List<ChatClient> clients = new ArrayList<>();

    @BeforeEach
    void startServer() throws InterruptedException {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
                .registrationsPerMinute(1000).rate(1000).burst(1000).shutdownGraceS(2).build());
    }

    @AfterEach
    void tearDown() {
        clients.forEach(ChatClient::close);
        server.close();
    }

    private ChatClient client(String host) {
        ChatClient client = ChatClient.create(ClientOptions.builder().host(host).port(server.port())
                .requestTimeout(Duration.ofSeconds(5)).build());
        clients.add(client);
        return client;
    }

    @Test
    void closeFromAListener_closesTheClient() throws Exception {
        ChatClient client = client("127.0.0.1");
        CompletableFuture<Throwable> closeFailed = new CompletableFuture<>();
        client.addListener(new ChatListener() {
            @Override
            public void onStateChange(ConnectionState state, String detail) {
                if (state == ConnectionState.CONNECTED) {
                    try {
                        client.close();
                        closeFailed.complete(null);
                    } catch (RuntimeException e) {
                        closeFailed.complete(e);
                    }
                }
            }
        });
        client.connect().get(10, TimeUnit.SECONDS);
        assertThat(closeFailed.get(10, TimeUnit.SECONDS)).as("close() from a listener threw").isNull();
        Wait.until("the client closed", () -> client.state() == ConnectionState.CLOSED);
    }

    @Test
    void aBlockingCallFromAListener_refusesAtOnceInsteadOfWaitingForItsOwnThread() throws Exception {
        ChatClient client = client("127.0.0.1");
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        client.addListener(new ChatListener() {
            @Override
            public void onStateChange(ConnectionState state, String detail) {
                if (state == ConnectionState.CONNECTED && !refused.isDone()) {
                    long start = System.nanoTime();
                    try {
                        client.blocking().rooms();
                        refused.complete(null);
                    } catch (RuntimeException e) {
                        refused.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1000 ? e
                                : new AssertionError("refused only after waiting " + e, e));
                    }
                }
            }
        });
        client.connect().get(10, TimeUnit.SECONDS);
        assertThat(refused.get(10, TimeUnit.SECONDS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("listener");
    }

    @Test
    void aHostName_isResolvedOffTheClientsThread_andConnects() throws Exception {
        ChatClient client = client("localhost");
        client.connect().get(10, TimeUnit.SECONDS);
        assertThat(client.state()).isEqualTo(ConnectionState.CONNECTED);
    }
}

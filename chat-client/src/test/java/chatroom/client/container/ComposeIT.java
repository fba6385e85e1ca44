package chatroom.client.container;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.client.BlockingChatClient;
import chatroom.client.ChatClient;
import chatroom.client.ChatListener;
import chatroom.client.ClientOptions;
import chatroom.client.ReconnectPolicy;
import chatroom.codec.message.ChatMessage;
import chatroom.testing.Wait;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.junit.jupiter.Testcontainers;

/** docker-compose.yml as a user runs it: {@code docker-compose up} serves a chat round trip. */
@Testcontainers(disabledWithoutDocker = true)
class ComposeIT {

    private static int compose(String project, int port, String... args) throws IOException, InterruptedException {
        return Compose.run(project, Map.of("CHAT_PORT", String.valueOf(port), "CHAT_IRC_PORT", String.valueOf(ServerImage.freePort())),
                args);
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void composeUp_servesAChatRoundTrip() throws Exception {
        ServerImage.get(); // Docker, jar and base image, or skip
        Assumptions.assumeTrue(Compose.installed(), "docker-compose is not installed");
        String project = Compose.newProject();
        int port = ServerImage.freePort();
        try {
            assertThat(compose(project, port, "up", "-d", "--build")).isZero();
            List<ChatMessage> seen = new CopyOnWriteArrayList<>();
            try (ChatClient client = ChatClient.create(ClientOptions.builder().host("127.0.0.1").port(port)
                    .reconnect(ReconnectPolicy.NEVER).build())) {
                client.addListener(new ChatListener() {
                    @Override
                    public void onMessage(ChatMessage message) {
                        seen.add(message);
                    }
                });
                BlockingChatClient chat = client.blocking();
                Wait.until("the composed server accepts", Duration.ofSeconds(90), () -> {
                    try {
                        chat.connect();
                        return true;
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                });
                chat.register("composer", "password1");
                chat.login("composer", "password1");
                chat.join("compose");
                assertThat(chat.send("compose", "round trip 往返").seq()).isEqualTo(1);
                Wait.until("own message back", () -> !seen.isEmpty());
                assertThat(seen.get(0).text()).isEqualTo("round trip 往返");
            }
        } finally {
            compose(project, port, "down", "-v");
        }
    }
}

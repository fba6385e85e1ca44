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
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.junit.jupiter.Testcontainers;

/** docker-compose.yml as a user runs it: {@code docker-compose up} serves a chat round trip. */
@Testcontainers(disabledWithoutDocker = true)
class ComposeIT {

    private static int compose(String project, int port, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("docker-compose", "-p", project));
        command.addAll(List.of(args));
        // No inherited standard input (the test JVM's is the build tool's pipe); output to a log file.
        ProcessBuilder builder = new ProcessBuilder(command).directory(ServerImage.REPO.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new java.io.File("target/docker-compose.log")));
        builder.environment().put("BASE_IMAGE", ServerImage.BASE_IMAGE);
        builder.environment().put("CHAT_PORT", String.valueOf(port));
        builder.environment().put("DOCKER_BUILDKIT", "0");
        builder.environment().put("COMPOSE_DOCKER_CLI_BUILD", "0");
        Process process = builder.start();
        if (!process.waitFor(Long.getLong("chat.compose.timeout.s", 300), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private static boolean hasCompose() {
        try {
            Process version = new ProcessBuilder("docker-compose", "version")
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void composeUp_servesAChatRoundTrip() throws Exception {
        ServerImage.get(); // Docker, jar and base image, or skip
        Assumptions.assumeTrue(hasCompose(), "docker-compose is not installed");
        String project = "chatroomit" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36)
                .toLowerCase(Locale.ROOT);
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

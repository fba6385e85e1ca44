package chatroom.client.container;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.client.BlockingChatClient;
import chatroom.client.ChatClient;
import chatroom.client.ChatListener;
import chatroom.client.ClientOptions;
import chatroom.client.ConnectionState;
import chatroom.client.ReconnectPolicy;
import chatroom.codec.message.ChatMessage;
import chatroom.testing.Wait;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The server image in a container, driven by the real client library: chat, stop the container
 * (SIGTERM), start a new one on the same volume, and check that users, tokens and messages survived
 * and that the client resumed without a gap.
 */
@Testcontainers(disabledWithoutDocker = true)
class ServerContainerIT {

    private static final int CHAT_PORT = 8888;

    private static GenericContainer<?> server(ImageFromDockerfile image, String volume, int hostPort) {
        return new GenericContainer<>(image)
                .withExposedPorts(CHAT_PORT)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", hostPort),
                                new ExposedPort(CHAT_PORT)))
                        .withBinds(new Bind(volume, new Volume("/data"))))
                .waitingFor(org.testcontainers.containers.wait.strategy.Wait
                        .forLogMessage(".*listening on tcp://.*\\n", 1)
                        .withStartupTimeout(Duration.ofSeconds(90)));
    }

    private static BlockingChatClient client(int port, List<ChatMessage> sink, List<ChatClient> opened) {
        ChatClient client = ChatClient.create(ClientOptions.builder().host("127.0.0.1").port(port)
                .reconnect(new ReconnectPolicy(true, Duration.ofMillis(200), Duration.ofSeconds(2), 2, 0.2))
                .requestTimeout(Duration.ofSeconds(60)).build());
        client.addListener(new ChatListener() {
            @Override
            public void onMessage(ChatMessage message) {
                sink.add(message);
            }
        });
        opened.add(client);
        BlockingChatClient blocking = client.blocking();
        blocking.connect();
        return blocking;
    }

    @Test
    void restartOnTheSameVolume_keepsEverything_andTheClientResumesWithoutAGap() {
        ImageFromDockerfile image = ServerImage.get();
        String volume = "chatroom-it-" + UUID.randomUUID();
        int port = ServerImage.freePort();
        List<ChatClient> opened = new ArrayList<>();
        GenericContainer<?> first = server(image, volume, port);
        GenericContainer<?> second = server(image, volume, port);
        try {
            first.start();
            List<ChatMessage> readerSees = new CopyOnWriteArrayList<>();
            BlockingChatClient reader = client(port, readerSees, opened);
            BlockingChatClient writer = client(port, new CopyOnWriteArrayList<>(), opened);
            reader.register("读者", "password1");
            writer.register("writer", "password1");
            String token = reader.login("读者", "password1").token();
            writer.login("writer", "password1");
            reader.join("dock");
            writer.join("dock");
            for (int i = 1; i <= 3; i++) {
                writer.send("dock", "before " + i);
            }
            Wait.until("three before the restart", () -> readerSees.size() == 3);

            var docker = DockerClientFactory.instance().client();
            docker.stopContainerCmd(first.getContainerId()).withTimeout(30).exec();
            Long exitCode = docker.inspectContainerCmd(first.getContainerId()).exec().getState().getExitCodeLong();
            assertThat(exitCode).as("exit status after SIGTERM").isZero();
            first.stop();

            second.start();
            Wait.until("writer resumed", Duration.ofSeconds(60),
                    () -> writer.async().state() == ConnectionState.RESUMED);
            for (int i = 4; i <= 5; i++) {
                writer.send("dock", "after " + i);
            }
            Wait.until("all five", Duration.ofSeconds(60), () -> readerSees.size() >= 5);
            assertThat(readerSees).extracting(ChatMessage::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(readerSees).extracting(ChatMessage::text)
                    .containsExactly("before 1", "before 2", "before 3", "after 4", "after 5");

            BlockingChatClient fresh = client(port, new CopyOnWriteArrayList<>(), opened);
            assertThat(fresh.loginWithToken(token).user()).isEqualTo("读者");
            assertThat(fresh.history("dock", null, null, 50).messages()).hasSize(5);
        } finally {
            opened.forEach(ChatClient::close);
            first.stop();
            second.stop();
            DockerClientFactory.instance().client().removeVolumeCmd(volume).exec();
        }
    }
}

package chatroom.client.container;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.client.BlockingChatClient;
import chatroom.client.ChatClient;
import chatroom.client.ChatListener;
import chatroom.client.ClientOptions;
import chatroom.client.ReconnectPolicy;
import chatroom.codec.message.ChatMessage;
import chatroom.testing.Wait;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * docker-compose.cluster.yml as a user runs it: PostgreSQL, Redis, two nodes and HAProxy come up,
 * HAProxy reaches both nodes, and two users connected through it chat.
 */
@Testcontainers(disabledWithoutDocker = true)
class ClusterComposeIT {

    private static final Pattern NODE = Pattern.compile("\"detail\":\"node (node-[ab]) of a cluster");

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void composeUp_givesAWorkingClusterBehindHaproxy() throws Exception {
        ServerImage.get(); // Docker, jar and base image, or skip
        Assumptions.assumeTrue(Compose.installed(), "docker-compose is not installed");
        String project = Compose.newProject();
        int chatPort = ServerImage.freePort();
        int httpPort = ServerImage.freePort();
        Map<String, String> ports = Map.of("CHAT_PORT", String.valueOf(chatPort), "CHAT_HTTP_PORT",
                String.valueOf(httpPort));
        try {
            assertThat(Compose.run(project, ports, "-f", "docker-compose.cluster.yml", "up", "-d", "--build")).isZero();

            // HAProxy spreads requests over both nodes, each healthy and in the cluster
            Set<String> nodes = ConcurrentHashMap.newKeySet();
            Wait.until("both nodes answer /health through HAProxy", Duration.ofSeconds(180), () -> {
                // one connection per request: HAProxy balances connections, not requests
                try {
                    String health = getOnce(httpPort, "/health");
                    Matcher node = NODE.matcher(health);
                    if (health.matches("(?s)HTTP/1\\.[01] 200.*") && health.contains("\"status\":\"ok\"") && node.find()) {
                        nodes.add(node.group(1));
                    }
                } catch (java.io.IOException notYet) {
                    // HAProxy or a node is still starting
                }
                return nodes.size() == 2;
            });
            assertThat(nodes).containsExactlyInAnyOrder("node-a", "node-b");

            List<ChatMessage> seenByBob = new CopyOnWriteArrayList<>();
            try (ChatClient alice = client(chatPort, new CopyOnWriteArrayList<>());
                 ChatClient bob = client(chatPort, seenByBob)) {
                BlockingChatClient a = alice.blocking();
                BlockingChatClient b = bob.blocking();
                connect(a);
                connect(b);
                a.register("alice", "password1");
                b.register("bob", "password1");
                a.login("alice", "password1");
                b.login("bob", "password1");
                a.join("集群");
                Wait.until("bob joins the room alice created", Duration.ofSeconds(30), () -> {
                    try {
                        b.join("集群");
                        return true;
                    } catch (RuntimeException notKnownThereYet) {
                        return false;
                    }
                });
                assertThat(a.send("集群", "through HAProxy 经过集群").seq()).isEqualTo(1);
                Wait.until("bob gets alice's message", () -> !seenByBob.isEmpty());
                assertThat(seenByBob.get(0).text()).isEqualTo("through HAProxy 经过集群");
                Wait.until("bob sees alice online", Duration.ofSeconds(10),
                        () -> b.users().users().containsAll(List.of("alice", "bob")));
            }
        } finally {
            Compose.run(project, ports, "-f", "docker-compose.cluster.yml", "down", "-v");
        }
    }

    /** Connects once HAProxy has found a node up for the chat port too. */
    private static void connect(BlockingChatClient chat) {
        Wait.until("HAProxy forwards a chat connection", Duration.ofSeconds(60), () -> {
            try {
                chat.connect();
                return true;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    /** The whole response to one HTTP/1.0 GET on a connection of its own. */
    private static String getOnce(int port, String path) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ChatClient client(int port, List<ChatMessage> seen) {
        ChatClient client = ChatClient.create(ClientOptions.builder().host("127.0.0.1").port(port)
                .reconnect(ReconnectPolicy.NEVER).build());
        client.addListener(new ChatListener() {
            @Override
            public void onMessage(ChatMessage message) {
                seen.add(message);
            }
        });
        return client;
    }
}

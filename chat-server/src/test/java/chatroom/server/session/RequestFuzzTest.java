package chatroom.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.ChatServer;
import chatroom.server.config.ServerConfig;
import chatroom.server.testing.TempDirectories;
import chatroom.server.testing.WireClient;
import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of request handling (Jazzer): a logged-in connection of an in-process
 * server receives a fuzzed sequence of requests (known types, fuzzed fields and values, sometimes
 * raw bytes); a ping after them must still be answered, and a bystander's connection must survive.
 * Buffers are checked by paranoid leak detection. Without {@code JAZZER_FUZZ=1} the kept inputs in
 * {@code RequestFuzzTestInputs/} are replayed as regression tests.
 */
class RequestFuzzTest {

    private static final List<String> TYPES = List.of("register", "login", "logout", "ping", "pong", "join",
            "leave", "rooms", "members", "users", "topic", "send", "history", "kick", "ban", "unban", "welcome", "ok");
    private static final List<String> FIELDS = List.of("id", "user", "password", "token", "room", "since", "private",
            "to", "text", "cid", "with", "before", "after", "limit", "reason", "topic", "t");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dataDir;
    private static ChatServer server;
    private static WireClient bystander;
    private static WireClient keeper;
    private static int round;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("chat-fuzz");
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).registrationsPerMinute(1000)
                .admins(Set.of("fuzzer", "keeper-x9")).rate(1_000_000).burst(1_000_000).maxFrame(4096)
                // the bystander sends nothing while the fuzzer runs (30 s and more): only an attack may close it
                .idleTimeoutS(3600).build());
        bystander = WireClient.connect(server.port());
        bystander.signUp("onlooker-q7");
        keeper = WireClient.connect(server.port());
        keeper.signUp("keeper-x9"); // names the fuzzer does not pick, so it cannot ban them
        try (WireClient setup = WireClient.connect(server.port())) {
            // Each run logs in with the token: a password login costs an Argon2 hash, a token a lookup.
            token = setup.signUp("fuzzer").path("token").asText();
        }
    }

    @AfterAll
    static void stop() throws IOException {
        assertThat(bystander.request("ping").path("type").asText()).as("the bystander is still served").isEqualTo("pong");
        bystander.close();
        keeper.close();
        server.close();
        TempDirectories.deleteRecursively(dataDir);
    }

    @FuzzTest(maxDuration = "30s")
    void fuzzedRequests_neverBreakTheServer(FuzzedDataProvider data) throws IOException {
        // Jazzer flags network connections as possible SSRF; ours go to the server under test on loopback.
        try (var loopbackOnly = BugDetectors.allowNetworkConnections(
                (host, port) -> "127.0.0.1".equals(host) || "localhost".equals(host));
             WireClient client = WireClient.connect(server.port())) {
            logIn(client);
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            int requests = data.consumeInt(1, 8);
            for (int i = 0; i < requests && data.remainingBytes() > 0; i++) {
                byte[] body = data.consumeBoolean() ? fuzzedRequest(data).toString().getBytes(StandardCharsets.UTF_8)
                        : data.consumeBytes(data.consumeInt(0, 300));
                if (body.length == 0 || body.length > 4096) {
                    continue; // framing errors close the connection; the codec fuzz test covers them
                }
                batch.writeBytes(WireClient.frame(body));
            }
            String probe = "probe-" + round++;
            batch.writeBytes(WireClient.frame(("{\"type\":\"ping\",\"id\":\"" + probe + "\"}")
                    .getBytes(StandardCharsets.UTF_8)));
            client.sendRaw(batch.toByteArray());
            if (!client.isClosed()) {
                try {
                    assertThat(client.replyTo(probe).path("type").asText()).isEqualTo("pong");
                } catch (AssertionError closed) {
                    // logout, a ban of oneself, or a kick may close this connection: allowed, but not a hang
                    assertThat(closed.getMessage()).contains("closed");
                }
            }
        }
    }

    /**
     * Logs the fuzzer in. Fuzzed requests may have logged it out (the token is revoked) or banned it
     * (it is an admin): then the keeper unbans it and it logs in with its password again.
     */
    private static void logIn(WireClient client) {
        if ("ok".equals(client.request("login", "token", token).path("type").asText())) {
            return;
        }
        keeper.ok("unban", "user", "fuzzer");
        token = client.login("fuzzer", "password-fuzzer").path("token").asText();
    }

    private static ObjectNode fuzzedRequest(FuzzedDataProvider data) {
        ObjectNode node = JSON.createObjectNode().put("type", data.pickValue(TYPES));
        int fields = data.consumeInt(0, 6);
        for (int i = 0; i < fields; i++) {
            String field = data.pickValue(FIELDS);
            switch (data.consumeInt(0, 5)) {
                case 0 -> node.put(field, data.consumeString(80));
                case 1 -> node.put(field, data.consumeLong());
                case 2 -> node.put(field, data.consumeBoolean());
                case 3 -> node.putNull(field);
                case 4 -> node.putArray(field).add(data.consumeString(10));
                default -> node.put(field, data.pickValue(List.of("lobby", "fuzz", "fuzzer", "张伟", "")));
            }
        }
        return node;
    }
}

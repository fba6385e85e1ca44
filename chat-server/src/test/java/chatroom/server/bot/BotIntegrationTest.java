package chatroom.server.bot;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServers;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code @bot} room assistant against a real HTTP server in this test that speaks the
 * OpenAI chat-completions API: it answers, it can be made slow, and it can be switched off.
 */
class BotIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer completions;
    private ExecutorService completionsThreads;
    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final CountDownLatch releaseSlowAnswers = new CountDownLatch(1);
    private ChatServers fixture;

    /** One request the endpoint received. */
    private record Call(String authorization, JsonNode body) {
        String lastUserText() {
            JsonNode messages = body.path("messages");
            return messages.path(messages.size() - 1).path("content").asText();
        }
    }

    @BeforeEach
    void startCompletionsEndpoint() throws IOException {
        completions = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        completionsThreads = Executors.newCachedThreadPool();
        completions.setExecutor(completionsThreads);
        completions.createContext("/v1/chat/completions", this::answer);
        completions.start();
    }

    @AfterEach
    void stop() {
        releaseSlowAnswers.countDown();
        if (fixture != null) {
            fixture.close();
        }
        completions.stop(0);
        completionsThreads.shutdownNow();
    }

    /** Answers like the API; a question containing "slow" waits until the test ends, "fail" gets HTTP 500. */
    private void answer(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        Call call = new Call(exchange.getRequestHeaders().getFirst("Authorization"), body);
        calls.add(call);
        String question = call.lastUserText();
        if (question.contains("slow")) {
            try {
                releaseSlowAnswers.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = question.contains("fail") ? 500 : 200;
        ObjectNode reply = JSON.createObjectNode();
        reply.putArray("choices").addObject().putObject("message").put("role", "assistant")
                .put("content", "你好! I read " + body.path("messages").size() + " messages.");
        byte[] bytes = reply.toString().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void startServer(URI endpoint, Duration timeout) {
        BotConfig bot = new BotConfig(endpoint, "test-model", "secret-key", timeout, 20, 4);
        fixture = ChatServers.start(b -> b.bot(bot));
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + completions.getAddress().getPort() + "/v1");
    }

    @Test
    void mention_isAnsweredInTheRoomByBot_withTheRoomsRecentMessagesAsContext() throws InterruptedException {
        startServer(endpoint(), Duration.ofSeconds(10));
        WireClient alice = fixture.user("alice");
        WireClient bob = fixture.user("bob");
        alice.ok("join", "room", "问答");
        bob.ok("join", "room", "问答");
        alice.ok("send", "room", "问答", "text", "今天开会吗?");
        bob.ok("send", "room", "问答", "text", "@bot summarise please");

        ObjectNode answer = alice.event(e -> "message".equals(e.path("type").asText()) && "bot".equals(e.path("from").asText()));
        assertThat(answer.path("room").asText()).isEqualTo("问答");
        assertThat(answer.path("text").asText()).startsWith("你好! I read");
        assertThat(bob.event(e -> "bot".equals(e.path("from").asText())).path("seq").asLong())
                .isEqualTo(answer.path("seq").asLong());

        Call call = calls.poll(5, TimeUnit.SECONDS);
        assertThat(call.authorization()).isEqualTo("Bearer secret-key");
        assertThat(call.body().path("model").asText()).isEqualTo("test-model");
        List<String> contents = call.body().path("messages").findValuesAsText("content");
        assertThat(call.body().path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(contents).contains("alice: 今天开会吗?", "bob: @bot summarise please");
        assertThat(call.lastUserText()).isEqualTo("bob: @bot summarise please");

        JsonNode history = alice.ok("history", "room", "问答").path("messages");
        assertThat(history.findValuesAsText("from")).containsExactly("alice", "bob", "bot");
    }

    @Test
    void onlyMessagesStartingWithTheMention_callTheEndpoint() throws InterruptedException {
        startServer(endpoint(), Duration.ofSeconds(10));
        WireClient alice = fixture.user("alice");
        alice.ok("send", "room", "lobby", "text", "hello bot");
        alice.ok("send", "room", "lobby", "text", "@botany is a science");
        alice.ok("send", "room", "lobby", "text", "@Bot, are you there?");

        Call call = calls.poll(5, TimeUnit.SECONDS);
        assertThat(call.lastUserText()).isEqualTo("alice: @Bot, are you there?");
        alice.event(e -> "bot".equals(e.path("from").asText()));
        assertThat(calls).isEmpty();
    }

    @Test
    void slowEndpoint_getsAnApologyAfterTheTimeout_whileChatGoesOn() {
        startServer(endpoint(), Duration.ofSeconds(2));
        WireClient alice = fixture.user("alice");
        WireClient bob = fixture.user("bob");
        alice.ok("send", "room", "lobby", "text", "@bot be slow");
        bob.ok("send", "room", "lobby", "text", "still chatting");

        List<String> order = new java.util.ArrayList<>();
        while (order.size() < 2) {
            ObjectNode m = alice.event(e -> "message".equals(e.path("type").asText())
                    && ("bob".equals(e.path("from").asText()) || "bot".equals(e.path("from").asText())),
                    Duration.ofSeconds(10));
            order.add(m.path("from").asText() + ": " + m.path("text").asText());
        }
        assertThat(order.get(0)).isEqualTo("bob: still chatting");
        assertThat(order.get(1)).startsWith("bot: Sorry").contains("took too long");
    }

    @Test
    void endpointDownOrFailing_getsAnApology() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        startServer(URI.create("http://127.0.0.1:" + closedPort + "/v1/chat/completions"), Duration.ofSeconds(5));
        WireClient alice = fixture.user("alice");
        alice.ok("send", "room", "lobby", "text", "@bot are you there");
        ObjectNode apology = alice.event(e -> "bot".equals(e.path("from").asText()), Duration.ofSeconds(10));
        assertThat(apology.path("text").asText()).startsWith("Sorry").contains("cannot be reached");
    }

    @Test
    void endpointAnsweringAnError_getsAnApologyNamingIt() {
        startServer(endpoint(), Duration.ofSeconds(5));
        WireClient alice = fixture.user("alice");
        alice.ok("send", "room", "lobby", "text", "@bot please fail");
        ObjectNode apology = alice.event(e -> "bot".equals(e.path("from").asText()), Duration.ofSeconds(10));
        assertThat(apology.path("text").asText()).contains("HTTP 500");
    }

    @Test
    void theBotsName_cannotBeRegistered() {
        startServer(endpoint(), Duration.ofSeconds(5));
        assertThat(fixture.connect().error("register", "user", "Bot", "password", "password-bot"))
                .isEqualTo("invalid_name");
    }
}

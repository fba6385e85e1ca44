package chatroom.server.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call of an OpenAI-compatible {@code POST /chat/completions}: the JDK's HTTP client, sending
 * and receiving on its own small thread pool, so no event loop ever waits for the network.
 */
final class CompletionsClient implements AutoCloseable {

    /** A chat-completions message: {@code role} is system, user or assistant. */
    record Turn(String role, String content) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BotConfig config;
    private final ExecutorService executor;
    private final HttpClient http;

    CompletionsClient(BotConfig config) {
        this.config = config;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "chat-bot-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(config.timeout()).build();
    }

    /** The assistant's answer to {@code turns}; fails with {@link BotException} on anything but a usable answer. */
    CompletableFuture<String> complete(List<Turn> turns) {
        ObjectNode body = JSON.createObjectNode().put("model", config.model());
        ArrayNode messages = body.putArray("messages");
        turns.forEach(turn -> messages.addObject().put("role", turn.role()).put("content", turn.content()));
        HttpRequest.Builder request = HttpRequest.newBuilder(config.endpoint())
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (config.apiKey() != null && !config.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + config.apiKey());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .orTimeout(config.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .thenApply(CompletionsClient::answer);
    }

    private static String answer(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new BotException("the assistant answered HTTP " + response.statusCode());
        }
        try {
            JsonNode content = JSON.readTree(response.body()).path("choices").path(0).path("message").path("content");
            if (!content.isTextual() || content.asText().isBlank()) {
                throw new BotException("the assistant's answer had no text");
            }
            return content.asText().strip();
        } catch (IOException e) {
            throw new BotException("the assistant's answer was not JSON");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** A failed call, with a reason short enough to show in the room. */
    static final class BotException extends RuntimeException {
        BotException(String message) {
            super(message, null, false, false);
        }
    }
}

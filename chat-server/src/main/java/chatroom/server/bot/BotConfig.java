package chatroom.server.bot;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the assistant.
 *
 * @param endpoint the chat-completions URL; a base URL such as {@code https://api.openai.com/v1}
 *     gets {@code /chat/completions} appended
 * @param model the {@code model} named in each request
 * @param apiKey sent as {@code Authorization: Bearer KEY}; null sends no such header (local servers)
 * @param timeout how long one answer may take, connection included
 * @param contextMessages how many of the room's latest messages are sent as context
 * @param maxConcurrent answers in progress at once; a mention beyond it gets a "busy" apology
 */
public record BotConfig(URI endpoint, String model, String apiKey, Duration timeout, int contextMessages,
                        int maxConcurrent) {

    /** The name the assistant writes under; registering it is refused while a bot is configured. */
    public static final String USER = "bot";
    public static final int DEFAULT_TIMEOUT_S = 30;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(DEFAULT_TIMEOUT_S);
    public static final int DEFAULT_CONTEXT_MESSAGES = 20;
    public static final int DEFAULT_MAX_CONCURRENT = 4;

    public BotConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeout, "timeout");
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("the bot URL must be http:// or https://, not " + endpoint);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the bot timeout must be positive");
        }
        if (contextMessages < 1 || contextMessages > 200) {
            throw new IllegalArgumentException("bot context messages must be 1 to 200, not " + contextMessages);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("bot concurrency must be at least 1");
        }
        String path = endpoint.getPath() == null ? "" : endpoint.getPath();
        if (!path.endsWith("/chat/completions")) {
            endpoint = URI.create(endpoint.toString().replaceAll("/+$", "") + "/chat/completions");
        }
    }

    /** A configuration with the default timeout, context and concurrency. */
    public static BotConfig of(URI endpoint, String model, String apiKey) {
        return new BotConfig(endpoint, model, apiKey, DEFAULT_TIMEOUT, DEFAULT_CONTEXT_MESSAGES,
                DEFAULT_MAX_CONCURRENT);
    }

    public BotConfig withTimeout(Duration timeout) {
        return new BotConfig(endpoint, model, apiKey, timeout, contextMessages, maxConcurrent);
    }
}

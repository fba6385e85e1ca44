package chatroom.server.bot;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** The server's command-line options for the room assistant (a picocli mixin of the server command). */
public final class BotOptions {

    @Option(names = "--bot-url", paramLabel = "URL", defaultValue = "${env:CHAT_BOT_URL}",
            description = "OpenAI-compatible endpoint (base URL or .../chat/completions): rooms get an @bot "
                    + "assistant [CHAT_BOT_URL]. Default: no bot")
    URI url;

    @Option(names = "--bot-model", paramLabel = "NAME", defaultValue = "${env:CHAT_BOT_MODEL}",
            description = "Model named in each request; required with --bot-url [CHAT_BOT_MODEL].")
    String model;

    @Option(names = "--bot-key-env", paramLabel = "VAR", defaultValue = "${env:CHAT_BOT_KEY_ENV}",
            description = "Name of the environment variable holding the API key (sent as a Bearer token); "
                    + "none for local endpoints [CHAT_BOT_KEY_ENV].")
    String keyEnv;

    @Option(names = "--bot-timeout-s", defaultValue = "${env:CHAT_BOT_TIMEOUT_S:-" + BotConfig.DEFAULT_TIMEOUT_S + "}",
            description = "Seconds one answer may take before the bot apologises [CHAT_BOT_TIMEOUT_S]. "
                    + "Default: ${DEFAULT-VALUE}")
    int timeoutS;

    @Option(names = "--bot-context", defaultValue = "${env:CHAT_BOT_CONTEXT:-" + BotConfig.DEFAULT_CONTEXT_MESSAGES + "}",
            description = "Latest room messages sent as context [CHAT_BOT_CONTEXT]. Default: ${DEFAULT-VALUE}")
    int contextMessages;

    @Option(names = "--bot-max-concurrent",
            defaultValue = "${env:CHAT_BOT_MAX_CONCURRENT:-" + BotConfig.DEFAULT_MAX_CONCURRENT + "}",
            description = "Answers in progress at once; more mentions get a 'busy' apology "
                    + "[CHAT_BOT_MAX_CONCURRENT]. Default: ${DEFAULT-VALUE}")
    int maxConcurrent;

    /** The bot these options describe, its API key read from {@code environment}; null when no URL is given. */
    public BotConfig toConfig(Map<String, String> environment) {
        if (url == null) {
            return null;
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("--bot-url needs --bot-model");
        }
        String key = null;
        if (keyEnv != null && !keyEnv.isBlank()) {
            key = environment.get(keyEnv);
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("--bot-key-env names " + keyEnv + ", which is not set");
            }
        }
        return new BotConfig(url, model, key, Duration.ofSeconds(timeoutS), contextMessages, maxConcurrent);
    }
}

package chatroom.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Logs bench users in: with a cached token when there is one, otherwise {@code register {login:
 * true}} (one password hash; an existing user logs in with its password instead), and caches the
 * token for the next run.
 * A password request the server asks to retry later ({@code busy}, or {@code rate_limited} with
 * {@code retry_after_ms}: a check of the same account or address is running) is sent again after
 * that time plus jitter, as any client of protocol §9 must, pinging meanwhile.
 */
public final class Accounts {

    /** Enough for a setup whose logins all come from one address, where the server checks one at a time. */
    private static final int RETRIES = 1000;

    private final String password;
    private final TokenCache tokens;

    public Accounts(String password, TokenCache tokens) {
        this.password = password;
        this.tokens = tokens;
    }

    public TokenCache tokens() {
        return tokens;
    }

    public CompletableFuture<BenchConnection> logIn(BenchConnection connection, String user) {
        String token = tokens.get(user);
        CompletableFuture<JsonNode> login = token == null
                ? passwordLogin(connection, user)
                : connection.request("login", "token", token).thenCompose(reply -> isOk(reply)
                        ? CompletableFuture.completedFuture(reply)
                        : passwordLogin(connection, user));
        return login.thenApply(reply -> {
            if (!isOk(reply)) {
                throw new IllegalStateException("login of " + user + " failed: " + reply);
            }
            tokens.put(user, reply.path("token").asText());
            connection.user(user);
            return connection;
        });
    }

    /** {@code register {login: true}} (one hash); a user that exists already logs in with its password. */
    private CompletableFuture<JsonNode> passwordLogin(BenchConnection connection, String user) {
        return retried(connection, () -> connection.request("register", "user", user, "password", password,
                        "login", true), 0)
                .thenCompose(reply -> {
                    if (isOk(reply)) {
                        return CompletableFuture.completedFuture(reply);
                    }
                    if (!"user_exists".equals(reply.path("code").asText())) {
                        throw new IllegalStateException("register of " + user + " failed: " + reply);
                    }
                    return retried(connection, () -> connection.request("login", "user", user, "password", password), 0);
                });
    }

    /** The reply of {@code send}, sent again while the server says "retry after", at most {@link #RETRIES} times. */
    private static CompletableFuture<JsonNode> retried(BenchConnection connection,
                                                       Supplier<CompletableFuture<JsonNode>> send, int round) {
        return send.get().thenCompose(reply -> {
            long retryAfter = reply.path("retry_after_ms").asLong(0);
            String code = reply.path("code").asText();
            if (retryAfter <= 0 || round >= RETRIES || !("busy".equals(code) || "rate_limited".equals(code))) {
                return CompletableFuture.completedFuture(reply);
            }
            long wait = retryAfter + ThreadLocalRandom.current().nextLong(retryAfter + 1);
            return connection.waitAlive(wait).thenCompose(waited -> retried(connection, send, round + 1));
        });
    }

    public static boolean isOk(JsonNode reply) {
        return "ok".equals(reply.path("type").asText());
    }

    /** Completes with the {@code ok} reply, or fails with the error. */
    public static CompletableFuture<JsonNode> expectOk(CompletableFuture<JsonNode> reply, String what) {
        return reply.thenApply(node -> {
            if (!isOk(node)) {
                throw new IllegalStateException(what + " failed: " + node);
            }
            return node;
        });
    }
}

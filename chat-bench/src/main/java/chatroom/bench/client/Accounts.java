package chatroom.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/**
 * Logs bench users in: with a cached token when there is one, otherwise {@code register} (an
 * existing user is fine) and a password {@code login}, whose token is cached for the next run.
 */
public final class Accounts {

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

    private CompletableFuture<JsonNode> passwordLogin(BenchConnection connection, String user) {
        return connection.request("register", "user", user, "password", password).thenCompose(reply -> {
            if (!isOk(reply) && !"user_exists".equals(reply.path("code").asText())) {
                throw new IllegalStateException("register of " + user + " failed: " + reply);
            }
            return connection.request("login", "user", user, "password", password);
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

package chatroom.server.auth;

import java.util.concurrent.CompletableFuture;

/** Placeholder until the store branch lands; replaced by the Password4j implementation. */
public class PasswordHasher implements AutoCloseable {

    public CompletableFuture<String> hash(String password) {
        return CompletableFuture.supplyAsync(() -> "plain:" + password);
    }

    public CompletableFuture<Boolean> verify(String password, String hash) {
        return CompletableFuture.supplyAsync(() -> hash.equals("plain:" + password));
    }

    @Override
    public void close() {
    }
}

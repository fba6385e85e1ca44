package chatroom.bench.client;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login tokens of the bench users, kept in a file between runs: a password login costs the server
 * an Argon2 hash (tens of milliseconds), a token login almost nothing, so a second run against the
 * same server sets up a thousand users in a second instead of a minute.
 */
public final class TokenCache {

    private final Path file;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private TokenCache(Path file) {
        this.file = file;
    }

    /** Reads the cache file if it exists; {@code file} null keeps tokens in memory only. */
    public static TokenCache load(Path file) {
        TokenCache cache = new TokenCache(file);
        if (file != null && Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read token cache " + file, e);
            }
            properties.forEach((user, token) -> cache.tokens.put((String) user, (String) token));
        }
        return cache;
    }

    public String get(String user) {
        return tokens.get(user);
    }

    public void put(String user, String token) {
        tokens.put(user, token);
    }

    public void remove(String user) {
        tokens.remove(user);
    }

    public void save() {
        if (file == null) {
            return;
        }
        Properties properties = new Properties();
        properties.putAll(new TreeMap<>(tokens));
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(writer, "chat-bench login tokens (delete to log in with passwords again)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write token cache " + file, e);
        }
    }
}

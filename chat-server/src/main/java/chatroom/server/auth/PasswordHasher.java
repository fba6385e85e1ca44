package chatroom.server.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hashes and checks passwords with Argon2id (Password4j), on a small pool of its own: a hash costs
 * tens of milliseconds and megabytes on purpose, so it must never run on an event loop. The
 * parameters are stored inside each hash, so raising them later still verifies old passwords.
 */
public final class PasswordHasher implements AutoCloseable {

    /** Argon2id memory in KiB (OWASP's 19 MiB). */
    public static final int DEFAULT_MEMORY_KIB = 19 * 1024;
    /** Argon2id passes over the memory. */
    public static final int DEFAULT_ITERATIONS = 2;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2Function argon2;
    private final ExecutorService executor;

    public PasswordHasher() {
        this(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }

    /**
     * @param memoryKiB  Argon2id memory per hash
     * @param iterations Argon2id passes
     * @param threads    hashes that may run at once (each holds {@code memoryKiB})
     */
    public PasswordHasher(int memoryKiB, int iterations, int threads) {
        this.argon2 = Argon2Function.getInstance(memoryKiB, iterations, 1, HASH_BYTES, Argon2.ID);
        AtomicInteger number = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "chat-password-hasher-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The encoded hash (algorithm, parameters, salt and hash in one string). */
    public CompletableFuture<String> hash(String password) {
        return CompletableFuture.supplyAsync(
                () -> Password.hash(password).addRandomSalt(SALT_BYTES).with(argon2).getResult(), executor);
    }

    /** Whether {@code password} matches an encoded hash; false for a hash it cannot read. */
    public CompletableFuture<Boolean> verify(String password, String encodedHash) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Password.check(password, encodedHash).with(Argon2Function.getInstanceFromHash(encodedHash));
            } catch (RuntimeException unreadable) {
                return false;
            }
        }, executor);
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

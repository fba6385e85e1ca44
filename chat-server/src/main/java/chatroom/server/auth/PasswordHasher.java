package chatroom.server.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Hashes and checks passwords with Argon2id (Password4j), on a pool of its own: a hash costs
 * tens of milliseconds and megabytes on purpose, so it must never run on an event loop. The pool
 * has a bounded queue: when it is full a hash fails at once with {@link HashQueueFullException}
 * (the client is told {@code busy} and when to retry) rather than waiting behind thousands of
 * others. The parameters are stored inside each hash, so raising them later still verifies old
 * passwords.
 */
public final class PasswordHasher implements AutoCloseable {

    /** Argon2id memory in KiB (OWASP's 19 MiB). */
    public static final int DEFAULT_MEMORY_KIB = 19 * 1024;
    /** Argon2id passes over the memory. */
    public static final int DEFAULT_ITERATIONS = 2;
    /** Hashes that may wait for a thread, unless told otherwise. */
    public static final int DEFAULT_QUEUE = 256;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** The first guess of a hash's cost, until one has been measured. */
    private static final long FIRST_ESTIMATE_NANOS = TimeUnit.MILLISECONDS.toNanos(60);
    private static final long MIN_RETRY_MS = 50;
    /** A hash small enough to cost little even before the JIT has compiled anything (1 MiB, one pass). */
    private static final Argon2Function WARM_UP = Argon2Function.getInstance(1024, 1, 1, HASH_BYTES, Argon2.ID);

    private final Argon2Function argon2;
    private final ThreadPoolExecutor executor;
    private final int threads;
    private final long bytesPerHash;
    /** A moving average of one hash's duration, to tell a refused client when to come back. */
    private final AtomicLong averageNanos = new AtomicLong(FIRST_ESTIMATE_NANOS);

    /** Default Argon2id parameters, one thread per core, the default queue. */
    public PasswordHasher() {
        this(Runtime.getRuntime().availableProcessors(), DEFAULT_QUEUE);
    }

    /** Default Argon2id parameters on {@code threads} threads with at most {@code queue} hashes waiting. */
    public PasswordHasher(int threads, int queue) {
        this(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, threads, queue);
    }

    /** As {@link #PasswordHasher(int, int, int, int)} with the default queue. */
    public PasswordHasher(int memoryKiB, int iterations, int threads) {
        this(memoryKiB, iterations, threads, DEFAULT_QUEUE);
    }

    /**
     * @param memoryKiB  Argon2id memory per hash
     * @param iterations Argon2id passes
     * @param threads    hashes that may run at once (each holds {@code memoryKiB})
     * @param queue      hashes that may wait for a thread; more fail with {@link HashQueueFullException}
     */
    public PasswordHasher(int memoryKiB, int iterations, int threads, int queue) {
        this.argon2 = Argon2Function.getInstance(memoryKiB, iterations, 1, HASH_BYTES, Argon2.ID);
        this.threads = threads;
        this.bytesPerHash = memoryKiB * 1024L;
        AtomicInteger number = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), task -> {
                    Thread thread = new Thread(task, "chat-password-hasher-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** The encoded hash (algorithm, parameters, salt and hash in one string). */
    public CompletableFuture<String> hash(String password) {
        return submit(() -> Password.hash(password).addRandomSalt(SALT_BYTES).with(argon2).getResult());
    }

    /**
     * Runs one small hash on the pool, so that the JIT has compiled Argon2id before the first login
     * needs it: in a fresh JVM the first hash took 390 ms and the next ones 70-110 ms; after this
     * warm-up (about 200 ms on an otherwise idle core) the first took 150-180 ms. Start-up calls it
     * before it opens the store.
     */
    public CompletableFuture<Void> warmUp() {
        return CompletableFuture.runAsync(() -> Password.hash("warm-up").addRandomSalt(SALT_BYTES).with(WARM_UP),
                executor);
    }

    /** Whether {@code password} matches an encoded hash; false for a hash it cannot read. */
    public CompletableFuture<Boolean> verify(String password, String encodedHash) {
        return submit(() -> {
            try {
                return Password.check(password, encodedHash).with(Argon2Function.getInstanceFromHash(encodedHash));
            } catch (RuntimeException unreadable) {
                return false;
            }
        });
    }

    /** Hashes that may run at once. */
    public int threads() {
        return threads;
    }

    /** Heap one running hash holds (its Argon2id memory). */
    public long bytesPerHash() {
        return bytesPerHash;
    }

    /** The most heap the running hashes may hold together: one hash's memory per thread. */
    public long maxMemoryBytes() {
        return bytesPerHash * threads;
    }

    /** Heap the hashes running now hold. */
    public long memoryBytesInUse() {
        return bytesPerHash * executor.getActiveCount();
    }

    private <T> CompletableFuture<T> submit(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(() -> timed(work), executor);
        } catch (RejectedExecutionException full) {
            return CompletableFuture.failedFuture(new HashQueueFullException(retryAfterMs()));
        }
    }

    private <T> T timed(Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            long took = System.nanoTime() - start;
            averageNanos.updateAndGet(average -> average + (took - average) / 8);
        }
    }

    /** Roughly when the hashes queued now will have left the queue. */
    private long retryAfterMs() {
        long rounds = executor.getQueue().size() / threads + 1;
        return Math.max(MIN_RETRY_MS, TimeUnit.NANOSECONDS.toMillis(averageNanos.get() * rounds));
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

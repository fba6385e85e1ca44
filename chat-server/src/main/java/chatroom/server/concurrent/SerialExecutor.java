package chatroom.server.concurrent;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order they were submitted, on whichever submitting thread finds
 * it idle (gRPC's {@code SerializingExecutor}, Guava's {@code SequentialExecutor}): state owned by
 * one {@code SerialExecutor} is changed by one task at a time, each seeing everything the tasks
 * before it did, without a thread of its own and without a caller ever blocking on a lock.
 * An uncontended task runs at once on the caller's thread, so a caller that then reads the state
 * sees its change; a contended one is queued and run by the thread already draining.
 *
 * <p>Tasks must not block: they run on event loops, the store's writer and Lettuce's I/O thread.
 * Any thread may submit.
 */
public final class SerialExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        drain();
    }

    /** Runs {@code task} in turn; the future completes (on the draining thread) when it ran, exceptionally if it threw. */
    public <T> CompletableFuture<T> submit(Supplier<T> task) {
        CompletableFuture<T> done = new CompletableFuture<>();
        execute(() -> {
            try {
                done.complete(task.get());
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Runs {@code task} in turn; the future completes when it ran. */
    public CompletableFuture<Void> run(Runnable task) {
        return submit(() -> {
            task.run();
            return null;
        });
    }

    private void drain() {
        // re-check after releasing: a task queued between the last poll and the release must not wait
        while (!tasks.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    runSafely(task);
                }
            } finally {
                draining.set(false);
            }
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("a task on the room state's serial executor failed", e);
        }
    }
}

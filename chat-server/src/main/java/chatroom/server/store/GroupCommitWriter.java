package chatroom.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one writer (HiveMQ's {@code SingleWriterService}): writes queue up, and one thread
 * takes everything queued (up to {@code maxCommitBatch}) and commits it as one transaction, so
 * under load many sends share one fsync (group commit). A write fails alone: a batch first runs
 * without savepoints, and if one of its writes fails it is rolled back and runs again with a
 * savepoint per write; a deadlock or serialization failure (several servers on one PostgreSQL)
 * runs the whole batch again. Only after the commit are the {@link CommitListener} told and the futures
 * completed.
 *
 * <p>Threading: any thread may {@link #submit}; the queue is the only thing it touches. The
 * connection, the statement cache and everything a {@link WriteOp} does belong to the
 * {@code chat-store-writer} thread.
 */
final class GroupCommitWriter {

    private static final Logger log = LoggerFactory.getLogger(JdbcChatStore.class); // the name operators configure
    private static final int MAX_BATCH_ATTEMPTS = 10;
    private static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Database db;
    private final int maxCommitBatch;
    private final BlockingQueue<Write<?>> writes = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Object submitLock = new Object();
    /** The writer's kept statements; writer thread only. */
    private final StatementCache statements = new StatementCache();
    /** The writer's memory of each conversation's latest seq; writer thread only. */
    private final SeqCounters seqs = new SeqCounters();
    private volatile CommitListener listener = message -> { };
    private volatile Failure lastWriteFailure;
    private volatile long lastCommitMs;
    private volatile LongConsumer commitTimer = nanos -> { };
    private boolean closed;
    private long lastFailureLog;

    GroupCommitWriter(Database db, int maxCommitBatch) {
        this.db = db;
        this.maxCommitBatch = maxCommitBatch;
        this.writer = new Thread(this::writeLoop, "chat-store-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    void setCommitListener(CommitListener listener) {
        this.listener = listener;
    }

    void setCommitTimer(LongConsumer commitTimer) {
        this.commitTimer = commitTimer;
    }

    /** One queued write: what to run in the transaction, and who waits for it. */
    private record Write<T>(WriteOp<T> op, CompletableFuture<T> future, String seqCounter) {
    }

    /** What one write does inside the batch's transaction; it may run more than once (a retried batch). */
    @FunctionalInterface
    interface WriteOp<T> {
        T apply(WriteTransaction tx) throws SQLException;
    }

    /** Queues a write that takes the next seq of conversation {@code seqCounter} (null: none). */
    <T> CompletableFuture<T> submit(WriteOp<T> op, String seqCounter) {
        CompletableFuture<T> future = new CompletableFuture<>();
        synchronized (submitLock) {
            if (closed) {
                future.completeExceptionally(new StoreException("the store is closed"));
                return future;
            }
            writes.add(new Write<>(op, future, seqCounter));
        }
        return future;
    }

    private void writeLoop() {
        List<Write<?>> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(writes.take());
            } catch (InterruptedException e) {
                break;
            }
            writes.drainTo(batch, maxCommitBatch - 1);
            boolean stop = batch.removeIf(write -> write.op() == null);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
            if (stop) {
                break;
            }
        }
        statements.clear();
    }

    /** Runs a batch in one transaction; completes every future after the commit (or the failure). */
    private void commit(List<Write<?>> batch) {
        long started = System.nanoTime();
        Object[] results = new Object[batch.size()];
        Throwable[] failures = new Throwable[batch.size()];
        WriteTransaction tx;
        for (int attempt = 1; ; attempt++) {
            try {
                tx = runBatch(batch, results, failures);
                break;
            } catch (SQLException | RuntimeException e) {
                if (SqlErrors.isRetryable(e) && attempt < MAX_BATCH_ATTEMPTS) {
                    // another server's transaction deadlocked with this one on seq counters: run it again
                    log.debug("batch of {} writes retried after {}", batch.size(), SqlErrors.describe(e));
                    backOff(attempt);
                    Arrays.fill(results, null);
                    Arrays.fill(failures, null);
                    continue;
                }
                StoreException failure = new StoreException("commit failed: " + SqlErrors.describe(e), e);
                logFailure(failure);
                batch.forEach(write -> write.future().completeExceptionally(failure));
                return;
            }
        }
        lastCommitMs = System.currentTimeMillis();
        commitTimer.accept(System.nanoTime() - started);
        db.searchIndex().afterCommit();
        for (StoredMessage message : tx.newMessages()) {
            try {
                listener.committed(message);
            } catch (RuntimeException e) {
                log.error("commit listener failed for {}#{}", message.conversation().key(), message.seq(), e);
            }
        }
        try {
            listener.commitDone();
        } catch (RuntimeException e) {
            log.error("commit listener failed at the end of a commit", e);
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results[i], failures[i]);
        }
    }

    /**
     * One attempt at a batch. It runs first without a savepoint per write (a savepoint each made a
     * batch of 256 inserts take 2-3 times as long while the search index was written in it, round
     * seven). Writes almost never fail alone; when one does, the transaction is rolled back and the
     * batch runs again with a savepoint per write, so that only that write fails.
     */
    private WriteTransaction runBatch(List<Write<?>> batch, Object[] results, Throwable[] failures)
            throws SQLException {
        WriteTransaction tx = runBatch(batch, results, failures, false);
        if (tx != null) {
            return tx;
        }
        Arrays.fill(results, null);
        Arrays.fill(failures, null);
        return runBatch(batch, results, failures, true);
    }

    /**
     * Runs a batch and commits it. With {@code savepoints}, each write runs in its own savepoint and
     * one that fails alone is recorded in {@code failures}; without, a write that fails rolls the
     * transaction back and null is returned (run the batch again with savepoints). A failure of the
     * whole transaction is thrown (after the rollback), and so is a deadlock, which makes the whole
     * batch worth another attempt.
     */
    private WriteTransaction runBatch(List<Write<?>> batch, Object[] results, Throwable[] failures,
                                      boolean savepoints) throws SQLException {
        Connection connection = db.writer();
        WriteTransaction tx = new WriteTransaction(connection, statements, db.searchIndex(), seqs);
        try {
            if (db.sharedByServers()) {
                lockSeqCounters(tx, batch);
            }
            if (savepoints) {
                runEachInASavepoint(batch, results, failures, tx);
            } else if (!runAllAtOnce(batch, results, tx)) {
                abandon(connection);
                return null;
            }
            connection.commit();
            db.release(connection);
            return tx;
        } catch (SQLException | RuntimeException e) {
            statements.clear(); // the connection may be broken: prepare afresh next time
            abandon(connection);
            throw e;
        }
    }

    /**
     * Runs every write with no savepoint; false when one of them failed on its own (the batch then
     * runs again with savepoints). A deadlock is thrown.
     */
    private static boolean runAllAtOnce(List<Write<?>> batch, Object[] results, WriteTransaction tx)
            throws SQLException {
        try {
            for (int i = 0; i < batch.size(); i++) {
                results[i] = batch.get(i).op().apply(tx);
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            if (SqlErrors.isRetryable(e)) {
                throw e;
            }
            log.debug("a write of a batch of {} failed ({}): the batch runs again with savepoints",
                    batch.size(), SqlErrors.describe(e));
            return false;
        }
    }

    /** Runs each write in a savepoint of its own; one that fails alone is recorded in {@code failures}. */
    private static void runEachInASavepoint(List<Write<?>> batch, Object[] results, Throwable[] failures,
                                            WriteTransaction tx) throws SQLException {
        for (int i = 0; i < batch.size(); i++) {
            tx.savepoint();
            try {
                results[i] = batch.get(i).op().apply(tx);
                tx.releaseSavepoint();
            } catch (SQLException | RuntimeException e) {
                if (SqlErrors.isRetryable(e)) {
                    throw e;
                }
                try {
                    tx.rollbackToSavepoint();
                } catch (SQLException transactionGone) {
                    // the database rolled the whole transaction back itself (a full disk does): the batch fails
                    throw new StoreException(SqlErrors.describe(e), e);
                }
                failures[i] = e instanceof StoreException ? e : new StoreException(SqlErrors.describe(e), e);
            }
        }
    }

    private void abandon(Connection connection) {
        if (!rollbackQuietly(connection)) {
            statements.clear(); // prepared in a transaction the database ended itself: prepare afresh
        }
        db.release(connection);
    }

    /** A short random pause before a batch runs again, so two servers do not collide again in step. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5 << Math.min(attempt, 4)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Locks the seq counters a batch will use, in key order: every server takes them in the same
     * order, so no two batches wait for each other in a circle (a deadlock PostgreSQL would break
     * by failing one of them).
     */
    private static void lockSeqCounters(WriteTransaction tx, List<Write<?>> batch) throws SQLException {
        SortedSet<String> counters = new TreeSet<>();
        for (Write<?> write : batch) {
            if (write.seqCounter() != null) {
                counters.add(write.seqCounter());
            }
        }
        for (String conversation : counters) {
            SeqCounters.lock(tx, conversation);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Write<T> write, Object result, Throwable failure) {
        if (failure != null) {
            write.future().completeExceptionally(failure);
        } else {
            write.future().complete((T) result);
        }
    }

    /**
     * Rolls back; false when there was nothing to roll back. SQLite ends the whole transaction itself
     * on some errors (a full disk): then the driver's rollback fails before it begins the next
     * transaction, and without one every statement of the next batch would commit on its own (a
     * batch retried with a savepoint per write committed each write as it went). So a transaction is
     * begun again here.
     */
    private static boolean rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
            return true;
        } catch (SQLException e) {
            log.debug("rollback after a failed batch: {}", e.getMessage()); // often already rolled back
            beginAgain(connection);
            return false;
        }
    }

    private static void beginAgain(Connection connection) {
        try {
            connection.setAutoCommit(true); // its COMMIT fails when no transaction is open; the mode changes anyway
        } catch (SQLException expected) {
            // nothing was open
        }
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            log.warn("cannot begin the store's next transaction: {}", SqlErrors.describe(e));
        }
    }

    private void logFailure(StoreException failure) {
        lastWriteFailure = new Failure(System.currentTimeMillis(), failure.getMessage());
        long now = System.nanoTime();
        if (now - lastFailureLog > FAILURE_LOG_INTERVAL_NANOS || lastFailureLog == 0) {
            lastFailureLog = now;
            log.error("store write failed, nothing of this batch was acknowledged: {}", failure.getMessage());
        }
    }

    private record Failure(long atMs, String message) {
    }

    /** Whether the writer runs and its last batch committed; {@code ok} describes the database. */
    StoreHealth health() {
        if (!writer.isAlive()) {
            return new StoreHealth(false, "stopped", "the store's writer is not running");
        }
        Failure failure = lastWriteFailure;
        if (failure != null && failure.atMs() > lastCommitMs
                && System.currentTimeMillis() - failure.atMs() < StoreHealth.FAILURE_MEMORY_MS) {
            return new StoreHealth(false, "failing", "the last write failed: " + failure.message());
        }
        return new StoreHealth(true, "ok", db.describe());
    }

    /** Commits what is queued, fails what comes later, and stops the writer (waiting up to 30 s for it). */
    void close() {
        synchronized (submitLock) {
            if (closed) {
                return;
            }
            closed = true;
            writes.add(new Write<>(null, new CompletableFuture<>(), null));
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Write<?> left; (left = writes.poll()) != null; ) {
            left.future().completeExceptionally(new StoreException("the store is closed"));
        }
    }
}

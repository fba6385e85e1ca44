package chatroom.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads on a few threads of their own ({@code chat-store-reader-N}), each with a connection of the
 * database's reader pool, so a slow history query never waits behind the writer or blocks an
 * event loop. Threading: any thread may {@link #read}; a {@link ReadOp} runs on a reader thread.
 */
final class ReaderPool {

    /** Reader threads; PostgreSQL's pool is sized to this plus the writer and a spare. */
    static final int THREADS = 2;

    private final Database db;
    private final ExecutorService readers;
    /** Each reader thread's prepared statements (see {@link #read(String, StatementOp)}). */
    private final ThreadLocal<StatementCache> kept = ThreadLocal.withInitial(StatementCache::new);

    ReaderPool(Database db) {
        this.db = db;
        AtomicInteger readerNumber = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "chat-store-reader-" + readerNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** What one read does with a reader connection. */
    @FunctionalInterface
    interface ReadOp<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** What one read does with its statement, prepared and kept by the reader thread: bind, query, never close. */
    @FunctionalInterface
    interface StatementOp<T> {
        T apply(PreparedStatement statement) throws SQLException;
    }

    /**
     * Runs {@code op} with the reader thread's prepared statement of {@code sql}, which must be fixed
     * text (values bound, not spliced): the kept statements are one per text.
     */
    <T> CompletableFuture<T> read(String sql, StatementOp<T> op) {
        return read(connection -> {
            StatementCache statements = kept.get();
            try {
                return op.apply(statements.prepared(connection, sql));
            } catch (SQLException | RuntimeException e) {
                statements.clear(); // a statement that failed midway is not reused
                throw e;
            } finally {
                if (!db.keepsReaderConnections()) {
                    statements.clear(); // closed before its connection goes back to the pool
                }
            }
        });
    }

    <T> CompletableFuture<T> read(ReadOp<T> op) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            readers.execute(() -> {
                try {
                    Connection connection = db.reader();
                    try {
                        future.complete(op.apply(connection));
                    } finally {
                        db.release(connection);
                    }
                } catch (SQLException | RuntimeException e) {
                    future.completeExceptionally(e instanceof StoreException ? e
                            : new StoreException("read failed: " + SqlErrors.describe(e), e));
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new StoreException("the store is closed"));
        }
        return future;
    }

    /** Lets running reads finish (up to 10 s); later ones fail with "the store is closed". */
    void close() {
        readers.shutdown();
        try {
            readers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

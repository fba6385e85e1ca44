package chatroom.server.store;

import java.util.concurrent.CompletableFuture;

/**
 * Where the SQL of a store operation runs: a write on the {@link GroupCommitWriter} (in the batch's
 * transaction, in a savepoint of its own), a read on the {@link ReaderPool}. The SQL classes of every
 * kind of data share one, so all their writes queue for the same single writer and commit together.
 *
 * <p>Threading: any thread may call it; the operations run on store threads only.
 */
final class SqlExecutor {

    private final GroupCommitWriter writer;
    private final ReaderPool readers;

    SqlExecutor(GroupCommitWriter writer, ReaderPool readers) {
        this.writer = writer;
        this.readers = readers;
    }

    <T> CompletableFuture<T> write(GroupCommitWriter.WriteOp<T> op) {
        return writer.submit(op, null);
    }

    /** Queues a write that takes the next seq of conversation {@code seqCounter}. */
    <T> CompletableFuture<T> writeTakingSeq(GroupCommitWriter.WriteOp<T> op, String seqCounter) {
        return writer.submit(op, seqCounter);
    }

    /** Queues a write whose result nobody needs (an update count, say). */
    CompletableFuture<Void> writeVoid(GroupCommitWriter.WriteOp<?> op) {
        return write(tx -> {
            op.apply(tx);
            return null;
        });
    }

    <T> CompletableFuture<T> read(ReaderPool.ReadOp<T> op) {
        return readers.read(op);
    }

    /** A read of one fixed statement, which the reader prepares once and keeps. */
    <T> CompletableFuture<T> read(String sql, ReaderPool.StatementOp<T> op) {
        return readers.read(sql, op);
    }
}

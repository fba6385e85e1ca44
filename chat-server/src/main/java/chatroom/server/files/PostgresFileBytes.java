package chatroom.server.files;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * File bytes in the shared PostgreSQL database (tables of migration {@code V5__file_bytes}), so every
 * node of a cluster serves every file. A content is stored once, by SHA-256, in rows of one upload
 * chunk each; an upload in progress appends one row per chunk, and when it is verified one
 * transaction copies its rows to the content inside the database (unless that content is stored
 * already) and deletes them. Reads fetch only the rows a download chunk overlaps (one or two), so no
 * node ever holds a whole file in memory.
 *
 * <p>Rows of uploads a node left behind when it died are deleted when that node starts again, and
 * by any node once they are {@link #LEFTOVER_AGE} old. Contents stored on disk before the bytes
 * moved into the database are still read from the data directory. Connections come from a small
 * pool of their own, one per file thread.
 */
final class PostgresFileBytes implements FileBytes {

    /** Uploads in progress older than this belong to a node that is gone: their rows are deleted. */
    static final Duration LEFTOVER_AGE = Duration.ofDays(1);

    private final HikariDataSource pool;
    private final String nodeId;
    private final LongSupplier clockMs;
    private final DiskFileBytes before;

    private PostgresFileBytes(HikariDataSource pool, String nodeId, LongSupplier clockMs, DiskFileBytes before) {
        this.pool = pool;
        this.nodeId = nodeId;
        this.clockMs = clockMs;
        this.before = before;
    }

    /**
     * Connects with {@code threads} connections and deletes the leftovers of this node's earlier runs
     * and old ones of any node. The schema is the store's (migrated when it opened).
     */
    static PostgresFileBytes open(String jdbcUrl, String user, String password, int threads, String nodeId,
                                  DiskFileBytes before) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(threads);
        config.setPoolName("chat-files");
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        HikariDataSource pool = new HikariDataSource(config);
        PostgresFileBytes bytes = new PostgresFileBytes(pool, nodeId, System::currentTimeMillis, before);
        try {
            bytes.deleteLeftovers();
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("cannot use the database for files: " + e.getMessage(), e);
        }
        return bytes;
    }

    private void deleteLeftovers() throws SQLException {
        try (Connection db = pool.getConnection();
             PreparedStatement delete = db.prepareStatement(
                     "DELETE FROM file_upload_chunks WHERE node = ? OR started_at < ?")) {
            delete.setString(1, nodeId);
            delete.setLong(2, clockMs.getAsLong() - LEFTOVER_AGE.toMillis());
            delete.executeUpdate();
        }
    }

    @Override
    public Incoming begin(String fileId) {
        return new UploadRows(fileId, clockMs.getAsLong());
    }

    /** An upload's bytes as rows of {@code file_upload_chunks}, one per chunk received. */
    private final class UploadRows implements Incoming {
        private final String fileId;
        private final long startedAt;
        private long received;
        private boolean ended;

        UploadRows(String fileId, long startedAt) {
            this.fileId = fileId;
            this.startedAt = startedAt;
        }

        @Override
        public void append(byte[] data) throws IOException {
            try (Connection db = pool.getConnection();
                 PreparedStatement insert = db.prepareStatement("INSERT INTO file_upload_chunks "
                         + "(file_id, node, started_at, off, data) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, fileId);
                insert.setString(2, nodeId);
                insert.setLong(3, startedAt);
                insert.setLong(4, received);
                insert.setBytes(5, data);
                insert.executeUpdate();
                received += data.length;
            } catch (SQLException e) {
                throw new IOException("storing a chunk of upload " + fileId + " failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void keep(String sha256) throws IOException {
            try (Connection db = pool.getConnection()) {
                db.setAutoCommit(false);
                try {
                    boolean fresh;
                    try (PreparedStatement content = db.prepareStatement(
                            "INSERT INTO file_contents (sha256, size) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                        content.setString(1, sha256);
                        content.setLong(2, received);
                        fresh = content.executeUpdate() == 1;
                    }
                    if (fresh) {
                        try (PreparedStatement copy = db.prepareStatement("INSERT INTO file_content_chunks "
                                + "(sha256, off, data) SELECT ?, off, data FROM file_upload_chunks WHERE file_id = ?")) {
                            copy.setString(1, sha256);
                            copy.setString(2, fileId);
                            copy.executeUpdate();
                        }
                    }
                    deleteRows(db);
                    db.commit();
                    ended = true;
                } catch (SQLException e) {
                    db.rollback();
                    throw e;
                } finally {
                    db.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new IOException("storing upload " + fileId + " failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void discard() throws IOException {
            if (ended) {
                return;
            }
            try (Connection db = pool.getConnection()) {
                deleteRows(db);
                ended = true;
            } catch (SQLException e) {
                throw new IOException("dropping upload " + fileId + " failed: " + e.getMessage(), e);
            }
        }

        private void deleteRows(Connection db) throws SQLException {
            try (PreparedStatement delete = db.prepareStatement("DELETE FROM file_upload_chunks WHERE file_id = ?")) {
                delete.setString(1, fileId);
                delete.executeUpdate();
            }
        }
    }

    @Override
    public byte[] read(String sha256, long offset, int length) throws IOException {
        byte[] out = new byte[length];
        long end = offset + length;
        long filled = 0;
        try (Connection db = pool.getConnection();
             PreparedStatement rows = db.prepareStatement("SELECT off, data FROM file_content_chunks "
                     + "WHERE sha256 = ? AND off < ? AND off >= COALESCE((SELECT max(off) FROM file_content_chunks "
                     + "WHERE sha256 = ? AND off <= ?), 0) ORDER BY off")) {
            rows.setString(1, sha256);
            rows.setLong(2, end);
            rows.setString(3, sha256);
            rows.setLong(4, offset);
            boolean any = false;
            try (ResultSet found = rows.executeQuery()) {
                while (found.next()) {
                    any = true;
                    long rowStart = found.getLong(1);
                    byte[] data = found.getBytes(2);
                    long from = Math.max(offset, rowStart);
                    long to = Math.min(end, rowStart + data.length);
                    if (from < to) {
                        System.arraycopy(data, (int) (from - rowStart), out, (int) (from - offset), (int) (to - from));
                        filled += to - from;
                    }
                }
            }
            if (!any && before.has(sha256)) {
                return before.read(sha256, offset, length); // stored on disk before files moved to the database
            }
        } catch (SQLException e) {
            throw new IOException("reading file " + sha256 + " failed: " + e.getMessage(), e);
        }
        if (filled < length) {
            throw new IOException("the stored file is shorter than recorded");
        }
        return out;
    }

    /** The database's disk is not this node's to measure: the disk reserve does not apply. */
    @Override
    public long usableSpace() {
        return Long.MAX_VALUE;
    }

    @Override
    public void close() {
        pool.close();
    }
}

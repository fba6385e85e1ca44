package chatroom.server.config;

import chatroom.server.config.ServerConfig.StoreLocation;
import chatroom.server.store.JdbcChatStore;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where data is kept and how the store works through it.
 *
 * @param dataDir the directory of the embedded database, shared files and the audit log
 * @param database a PostgreSQL database to store in, or null for the embedded SQLite database in {@link #dataDir}
 * @param maxStoreMb largest database in MiB; 0: no limit but the disk
 * @param maxCommitBatch largest batch of writes one store transaction commits
 * @param searchShortWindow a search the index cannot answer (1 character; 2 on PostgreSQL, or a pair that
 *     begins too many trigrams) reads at most this many of the newest messages of each conversation it covers
 * @param auditLog the file the audit trail is appended to; null given means {@link #DEFAULT_AUDIT_LOG_NAME}
 *     in the data directory
 * @param connectionTimeoutMs how long a request waits for a PostgreSQL connection (while the database
 *     is down or restarting) before it answers {@code internal}, "try again"
 */
public record StoreSettings(Path dataDir, StoreLocation database, int maxStoreMb, int maxCommitBatch,
                            int searchShortWindow, Path auditLog, int connectionTimeoutMs) {

    public static final String DEFAULT_DATA_DIR_NAME = "data";
    public static final Path DEFAULT_DATA_DIR = Path.of(DEFAULT_DATA_DIR_NAME);
    public static final int DEFAULT_MAX_STORE_MB = 0;
    public static final int DEFAULT_MAX_COMMIT_BATCH = 1024;
    public static final int DEFAULT_SEARCH_SHORT_WINDOW = 1000;
    public static final String DEFAULT_AUDIT_LOG_NAME = "audit.log";
    public static final int DEFAULT_CONNECTION_TIMEOUT_MS = JdbcChatStore.DEFAULT_CONNECTION_TIMEOUT_MS;
    public static final StoreSettings DEFAULTS = new StoreSettings(DEFAULT_DATA_DIR, null, DEFAULT_MAX_STORE_MB,
            DEFAULT_MAX_COMMIT_BATCH, DEFAULT_SEARCH_SHORT_WINDOW, null, DEFAULT_CONNECTION_TIMEOUT_MS);

    public StoreSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        if (database != null && !database.url().startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--store takes a jdbc:postgresql://HOST:PORT/DATABASE URL, not "
                    + database.url());
        }
        Range.check("maxStoreMb", maxStoreMb, 0, Integer.MAX_VALUE);
        Range.check("maxCommitBatch", maxCommitBatch, 1, 100_000);
        Range.check("searchShortWindow", searchShortWindow, 1, 1_000_000);
        Range.check("storeConnectionTimeoutMs", connectionTimeoutMs, 250, 600_000); // Hikari's floor is 250 ms
        auditLog = auditLog == null ? dataDir.resolve(DEFAULT_AUDIT_LOG_NAME) : auditLog;
    }
}

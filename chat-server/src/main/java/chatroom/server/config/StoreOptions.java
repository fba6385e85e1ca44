package chatroom.server.config;

import chatroom.server.config.ServerConfig.StoreLocation;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The command-line options of {@link StoreSettings} (a picocli mixin of the server command). */
public final class StoreOptions {

    /** The variable holding the database password unless {@code --store-password-env} names another. */
    public static final String DEFAULT_PASSWORD_VARIABLE = "CHAT_STORE_PASSWORD";

    @Option(names = "--data-dir", defaultValue = "${env:CHAT_DATA_DIR:-" + StoreSettings.DEFAULT_DATA_DIR_NAME + "}",
            description = "Directory of the embedded database [CHAT_DATA_DIR]. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--store", paramLabel = "JDBC_URL", defaultValue = "${env:CHAT_STORE}",
            description = "Store in PostgreSQL (jdbc:postgresql://HOST:PORT/DATABASE) instead of the embedded "
                    + "SQLite database in --data-dir [CHAT_STORE].")
    String url;

    @Option(names = "--store-user", defaultValue = "${env:CHAT_STORE_USER}",
            description = "Database user for --store [CHAT_STORE_USER].")
    String storeUser;

    @Option(names = "--store-password-env", paramLabel = "VAR",
            defaultValue = "${env:CHAT_STORE_PASSWORD_ENV:-" + DEFAULT_PASSWORD_VARIABLE + "}",
            description = "Environment variable holding the database password (default " + DEFAULT_PASSWORD_VARIABLE
                    + "), so it never shows in the process list [CHAT_STORE_PASSWORD_ENV].")
    String passwordVariable;

    @Option(names = "--max-store-mb", defaultValue = "${env:CHAT_MAX_STORE_MB:-" + StoreSettings.DEFAULT_MAX_STORE_MB + "}",
            description = "Largest database in MiB; beyond it sends answer internal as on a full disk; "
                    + "0 = no limit [CHAT_MAX_STORE_MB]. Default: ${DEFAULT-VALUE}")
    int maxStoreMb;

    @Option(names = "--max-commit-batch",
            defaultValue = "${env:CHAT_MAX_COMMIT_BATCH:-" + StoreSettings.DEFAULT_MAX_COMMIT_BATCH + "}",
            description = "Most writes committed in one transaction [CHAT_MAX_COMMIT_BATCH]. Default: ${DEFAULT-VALUE}")
    int maxCommitBatch;

    @Option(names = "--search-short-window",
            defaultValue = "${env:CHAT_SEARCH_SHORT_WINDOW:-" + StoreSettings.DEFAULT_SEARCH_SHORT_WINDOW + "}",
            description = "Newest messages of each conversation that a search the index cannot answer reads "
                    + "(1 character; 2 on PostgreSQL or a pair beginning over 256 trigrams) [CHAT_SEARCH_SHORT_WINDOW]."
                    + " Default: ${DEFAULT-VALUE}")
    int searchShortWindow;

    @Option(names = "--store-connection-timeout-ms",
            defaultValue = "${env:CHAT_STORE_CONNECTION_TIMEOUT_MS:-" + StoreSettings.DEFAULT_CONNECTION_TIMEOUT_MS + "}",
            description = "How long a request waits for a PostgreSQL connection (database down or restarting) "
                    + "before it answers internal, try again [CHAT_STORE_CONNECTION_TIMEOUT_MS]. Default: ${DEFAULT-VALUE}")
    int connectionTimeoutMs;

    @Option(names = "--audit-log", paramLabel = "FILE", defaultValue = "${env:CHAT_AUDIT_LOG}",
            description = "File the audit trail (bans, kicks, admin actions, failed logins) is appended to; "
                    + "default: " + StoreSettings.DEFAULT_AUDIT_LOG_NAME + " in --data-dir [CHAT_AUDIT_LOG].")
    Path auditLog;

    /** The settings, the password read from the variable {@code --store-password-env} names. */
    public StoreSettings toSettings(Map<String, String> environment) {
        StoreLocation database = url == null || url.isBlank() ? null
                : new StoreLocation(url, storeUser, environment.get(passwordVariable));
        return new StoreSettings(dataDir, database, maxStoreMb, maxCommitBatch, searchShortWindow, auditLog,
                connectionTimeoutMs);
    }
}

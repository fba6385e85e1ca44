package chatroom.server;

import chatroom.common.Transport;
import chatroom.server.bot.BotOptions;
import chatroom.server.irc.IrcOptions;
import chatroom.server.config.ServerConfig;
import chatroom.server.files.FileOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The server's command line. Each option maps onto one {@link ServerConfig} value, can also be set
 * through the environment variable shown in {@code --help}, and defaults to the config's default.
 */
@Command(name = "chat-server", mixinStandardHelpOptions = true, versionProvider = ServerCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, subcommands = StoreCheckCommand.class,
        description = "Runs the chat server. Every option can also be set through the environment variable in [brackets].")
public final class ServerCommand implements Callable<ServerConfig> {

    @Option(names = "--host", defaultValue = "${env:CHAT_HOST:-" + ServerConfig.DEFAULT_HOST + "}",
            description = "Address to listen on [CHAT_HOST]. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", defaultValue = "${env:CHAT_PORT:-" + ServerConfig.DEFAULT_PORT + "}",
            description = "TCP port; 0 picks a free one [CHAT_PORT]. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--data-dir", defaultValue = "${env:CHAT_DATA_DIR:-data}",
            description = "Directory of the embedded database [CHAT_DATA_DIR]. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--audit-log", paramLabel = "FILE", defaultValue = "${env:CHAT_AUDIT_LOG}",
            description = "File the audit trail (bans, kicks, admin actions, failed logins) is appended to; "
                    + "default: audit.log in --data-dir [CHAT_AUDIT_LOG].")
    Path auditLog;

    @Option(names = "--admin", split = ",", paramLabel = "NAME",
            description = "Admin rights for the account of this name, granted at start-up and on registration;"
                    + " they then follow the account through renames. Repeat or separate with commas"
                    + " [CHAT_ADMINS, comma-separated].")
    List<String> admins = new ArrayList<>();

    @Option(names = "--max-frame", defaultValue = "${env:CHAT_MAX_FRAME:-" + ServerConfig.DEFAULT_MAX_FRAME + "}",
            description = "Largest frame body in bytes [CHAT_MAX_FRAME]. Default: ${DEFAULT-VALUE}")
    int maxFrame;

    @Option(names = "--heartbeat-s", defaultValue = "${env:CHAT_HEARTBEAT_S:-" + ServerConfig.DEFAULT_HEARTBEAT_S + "}",
            description = "Seconds between client pings, announced in welcome [CHAT_HEARTBEAT_S]. Default: ${DEFAULT-VALUE}")
    int heartbeatS;

    @Option(names = "--idle-timeout-s",
            defaultValue = "${env:CHAT_IDLE_TIMEOUT_S:-" + ServerConfig.DEFAULT_IDLE_TIMEOUT_S + "}",
            description = "Seconds of silence before a connection is closed [CHAT_IDLE_TIMEOUT_S]. Default: ${DEFAULT-VALUE}")
    int idleTimeoutS;

    @Option(names = "--rate", defaultValue = "${env:CHAT_RATE:-" + ServerConfig.DEFAULT_RATE + "}",
            description = "Sends a second per session [CHAT_RATE]. Default: ${DEFAULT-VALUE}")
    int rate;

    @Option(names = "--burst", defaultValue = "${env:CHAT_BURST:-" + ServerConfig.DEFAULT_BURST + "}",
            description = "Sends a session may make at once [CHAT_BURST]. Default: ${DEFAULT-VALUE}")
    int burst;

    @Option(names = "--room-op-rate", defaultValue = "${env:CHAT_ROOM_OP_RATE:-" + ServerConfig.DEFAULT_ROOM_OP_RATE + "}",
            description = "Room operations (join, leave, topic, invite together) a second per session "
                    + "[CHAT_ROOM_OP_RATE]. Default: ${DEFAULT-VALUE}")
    int roomOpRate;

    @Option(names = "--room-op-burst", defaultValue = "${env:CHAT_ROOM_OP_BURST:-" + ServerConfig.DEFAULT_ROOM_OP_BURST + "}",
            description = "Room operations a session may make at once [CHAT_ROOM_OP_BURST]. Default: ${DEFAULT-VALUE}")
    int roomOpBurst;

    @Option(names = "--token-ttl-h", defaultValue = "${env:CHAT_TOKEN_TTL_H:-168}",
            description = "Hours a login token stays valid [CHAT_TOKEN_TTL_H]. Default: ${DEFAULT-VALUE}")
    long tokenTtlHours;

    @Option(names = "--max-outbound-bytes",
            defaultValue = "${env:CHAT_MAX_OUTBOUND_BYTES:-" + ServerConfig.DEFAULT_MAX_OUTBOUND_BYTES + "}",
            description = "Bytes queued for a client that does not read before it is disconnected "
                    + "[CHAT_MAX_OUTBOUND_BYTES]. Default: ${DEFAULT-VALUE}")
    int maxOutboundBytes;

    @Option(names = "--max-pending-requests",
            defaultValue = "${env:CHAT_MAX_PENDING_REQUESTS:-" + ServerConfig.DEFAULT_MAX_PENDING_REQUESTS + "}",
            description = "Requests of one connection that may wait before reading pauses "
                    + "[CHAT_MAX_PENDING_REQUESTS]. Default: ${DEFAULT-VALUE}")
    int maxPendingRequests;

    @Option(names = "--search-short-window",
            defaultValue = "${env:CHAT_SEARCH_SHORT_WINDOW:-" + ServerConfig.DEFAULT_SEARCH_SHORT_WINDOW + "}",
            description = "Newest messages of each conversation that a search shorter than 3 characters reads "
                    + "(longer ones use the trigram index) [CHAT_SEARCH_SHORT_WINDOW]. Default: ${DEFAULT-VALUE}")
    int searchShortWindow;

    @Option(names = "--max-commit-batch",
            defaultValue = "${env:CHAT_MAX_COMMIT_BATCH:-" + ServerConfig.DEFAULT_MAX_COMMIT_BATCH + "}",
            description = "Most writes committed in one transaction [CHAT_MAX_COMMIT_BATCH]. Default: ${DEFAULT-VALUE}")
    int maxCommitBatch;

    @Option(names = "--http-port",
            defaultValue = "${env:CHAT_HTTP_PORT:-" + ServerConfig.DEFAULT_HTTP_PORT + "}",
            description = "HTTP port: the web page, /ws, /health, /metrics; 0 picks a free one, -1 turns it off "
                    + "[CHAT_HTTP_PORT]. Default: ${DEFAULT-VALUE}")
    int httpPort;

    @Option(names = "--store", paramLabel = "JDBC_URL", defaultValue = "${env:CHAT_STORE}",
            description = "Store in PostgreSQL (jdbc:postgresql://HOST:PORT/DATABASE) instead of the embedded "
                    + "SQLite database in --data-dir [CHAT_STORE].")
    String storeUrl;

    @Option(names = "--store-user", defaultValue = "${env:CHAT_STORE_USER}",
            description = "Database user for --store [CHAT_STORE_USER].")
    String storeUser;

    @Option(names = "--store-password-env", paramLabel = "VAR", defaultValue = "${env:CHAT_STORE_PASSWORD_ENV:-CHAT_STORE_PASSWORD}",
            description = "Environment variable holding the database password (default CHAT_STORE_PASSWORD), "
                    + "so it never shows in the process list.")
    String storePasswordEnv;

    @Option(names = "--cluster", paramLabel = "REDIS_URI", defaultValue = "${env:CHAT_CLUSTER}",
            description = "Run as one node of a cluster: share events through this Redis (redis://HOST:PORT); "
                    + "needs --store [CHAT_CLUSTER].")
    String clusterUri;

    @Option(names = "--node-id", defaultValue = "${env:CHAT_NODE_ID}",
            description = "This node's name in the cluster; default: host name and process id [CHAT_NODE_ID].")
    String nodeId;

    @Option(names = "--cluster-hold-ms",
            defaultValue = "${env:CHAT_CLUSTER_HOLD_MS:-" + ServerConfig.DEFAULT_CLUSTER_HOLD_MS + "}",
            description = "How long a message that arrived ahead of a gap waits before the gap is read from "
                    + "the store [CHAT_CLUSTER_HOLD_MS]. Default: ${DEFAULT-VALUE}")
    int clusterHoldMs;

    @Option(names = "--io-threads",
            defaultValue = "${env:CHAT_IO_THREADS:-" + ServerConfig.DEFAULT_IO_THREADS + "}",
            description = "Event loop threads serving connections [CHAT_IO_THREADS]. Default: 0, one per core")
    int ioThreads;

    @Option(names = "--shutdown-grace-s",
            defaultValue = "${env:CHAT_SHUTDOWN_GRACE_S:-" + ServerConfig.DEFAULT_SHUTDOWN_GRACE_S + "}",
            description = "Seconds to wait for clients to take their bye on shutdown [CHAT_SHUTDOWN_GRACE_S]. "
                    + "Default: ${DEFAULT-VALUE}")
    int shutdownGraceS;

    @Option(names = "--login-timeout-s",
            defaultValue = "${env:CHAT_LOGIN_TIMEOUT_S:-" + ServerConfig.DEFAULT_LOGIN_TIMEOUT_S + "}",
            description = "Seconds a connection may stay without logging in [CHAT_LOGIN_TIMEOUT_S]. "
                    + "Default: ${DEFAULT-VALUE}")
    int loginTimeoutS;

    @Option(names = "--max-connections",
            defaultValue = "${env:CHAT_MAX_CONNECTIONS:-" + ServerConfig.DEFAULT_MAX_CONNECTIONS + "}",
            description = "Open connections on all ports together; 0: what the open-file limit allows after "
                    + "--fd-reserve, and a higher value is lowered to that [CHAT_MAX_CONNECTIONS]. Default: ${DEFAULT-VALUE}")
    int maxConnections;

    @Option(names = "--fd-reserve",
            defaultValue = "${env:CHAT_FD_RESERVE:-" + ServerConfig.DEFAULT_FD_RESERVE + "}",
            description = "Open files kept back from the connection cap for the database, logs, files being sent, "
                    + "PostgreSQL/Redis and over-cap /health checks [CHAT_FD_RESERVE]. Default: ${DEFAULT-VALUE}")
    int fdReserve;

    @Option(names = "--over-cap-health-connections",
            defaultValue = "${env:CHAT_OVER_CAP_HEALTH_CONNECTIONS:-" + ServerConfig.DEFAULT_OVER_CAP_HEALTH_CONNECTIONS + "}",
            description = "HTTP connections beyond the connection caps still answered on /health (503 for anything "
                    + "else) [CHAT_OVER_CAP_HEALTH_CONNECTIONS]. Default: ${DEFAULT-VALUE}")
    int overCapHealthConnections;

    @Option(names = "--http-request-timeout-s",
            defaultValue = "${env:CHAT_HTTP_REQUEST_TIMEOUT_S:-" + ServerConfig.DEFAULT_HTTP_REQUEST_TIMEOUT_S + "}",
            description = "Seconds an HTTP request or WebSocket handshake has to arrive whole, counted from the "
                    + "connection or the previous response [CHAT_HTTP_REQUEST_TIMEOUT_S]. Default: ${DEFAULT-VALUE}")
    int httpRequestTimeoutS;

    @Option(names = "--allowed-origins", paramLabel = "ORIGIN,...",
            defaultValue = "${env:CHAT_ALLOWED_ORIGINS:-}",
            description = "Origins besides the server's own whose pages may open /ws, comma-separated, "
                    + "e.g. https://chat.example.com [CHAT_ALLOWED_ORIGINS]. Default: none")
    String allowedOrigins;

    @Option(names = "--max-connections-per-address",
            defaultValue = "${env:CHAT_MAX_CONNECTIONS_PER_ADDRESS:-" + ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS + "}",
            description = "Open connections from one address [CHAT_MAX_CONNECTIONS_PER_ADDRESS]. "
                    + "Default: ${DEFAULT-VALUE}")
    int maxConnectionsPerAddress;

    @Option(names = "--login-failures-before-delay",
            defaultValue = "${env:CHAT_LOGIN_FAILURES_BEFORE_DELAY:-" + ServerConfig.DEFAULT_LOGIN_FAILURES_BEFORE_DELAY + "}",
            description = "Failed logins of one account from one address before that pair's attempts are delayed "
                    + "[CHAT_LOGIN_FAILURES_BEFORE_DELAY]. Default: ${DEFAULT-VALUE}")
    int loginFailuresBeforeDelay;

    @Option(names = "--login-address-failures-before-delay",
            defaultValue = "${env:CHAT_LOGIN_ADDRESS_FAILURES_BEFORE_DELAY:-"
                    + ServerConfig.DEFAULT_LOGIN_ADDRESS_FAILURES_BEFORE_DELAY + "}",
            description = "Failed logins from one address, any account, before its attempts are delayed "
                    + "[CHAT_LOGIN_ADDRESS_FAILURES_BEFORE_DELAY]. Default: ${DEFAULT-VALUE}")
    int loginAddressFailuresBeforeDelay;

    @Option(names = "--login-checks-per-address",
            defaultValue = "${env:CHAT_LOGIN_CHECKS_PER_ADDRESS:-" + ServerConfig.DEFAULT_LOGIN_CHECKS_PER_ADDRESS + "}",
            description = "Password checks that may run at once for one address; more concurrent logins answer "
                    + "rate_limited with retry_after_ms [CHAT_LOGIN_CHECKS_PER_ADDRESS]. Default: ${DEFAULT-VALUE}")
    int loginChecksPerAddress;

    @Option(names = "--login-first-delay-ms",
            defaultValue = "${env:CHAT_LOGIN_FIRST_DELAY_MS:-" + ServerConfig.DEFAULT_LOGIN_FIRST_DELAY_MS + "}",
            description = "First delay of a throttled login; doubles with each further failure "
                    + "[CHAT_LOGIN_FIRST_DELAY_MS]. Default: ${DEFAULT-VALUE}")
    int loginFirstDelayMs;

    @Option(names = "--login-max-delay-s",
            defaultValue = "${env:CHAT_LOGIN_MAX_DELAY_S:-" + ServerConfig.DEFAULT_LOGIN_MAX_DELAY_S + "}",
            description = "Longest delay of a throttled login [CHAT_LOGIN_MAX_DELAY_S]. Default: ${DEFAULT-VALUE}")
    int loginMaxDelayS;

    @Option(names = "--login-failure-window-m", defaultValue = "${env:CHAT_LOGIN_FAILURE_WINDOW_M:-15}",
            description = "Minutes a failed login is remembered after the last one [CHAT_LOGIN_FAILURE_WINDOW_M]. "
                    + "Default: ${DEFAULT-VALUE}")
    long loginFailureWindowM;

    @Option(names = "--registrations-per-minute",
            defaultValue = "${env:CHAT_REGISTRATIONS_PER_MINUTE:-" + ServerConfig.DEFAULT_REGISTRATIONS_PER_MINUTE + "}",
            description = "Registrations one address may start a minute, TCP and WebSocket together "
                    + "[CHAT_REGISTRATIONS_PER_MINUTE]. Default: ${DEFAULT-VALUE}")
    int registrationsPerMinute;

    @Option(names = "--hash-threads",
            defaultValue = "${env:CHAT_HASH_THREADS:-" + ServerConfig.DEFAULT_HASH_THREADS + "}",
            description = "Threads hashing and checking passwords [CHAT_HASH_THREADS]. Default: 0, one per core")
    int hashThreads;

    @Option(names = "--hash-queue",
            defaultValue = "${env:CHAT_HASH_QUEUE:-" + ServerConfig.DEFAULT_HASH_QUEUE + "}",
            description = "Password hashes that may wait for a thread; beyond them login and register answer busy "
                    + "[CHAT_HASH_QUEUE]. Default: ${DEFAULT-VALUE}")
    int hashQueue;

    @Option(names = "--tls-cert", paramLabel = "FILE", defaultValue = "${env:CHAT_TLS_CERT}",
            description = "PEM certificate chain: the chat port speaks TLS (needs --tls-key) [CHAT_TLS_CERT].")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", defaultValue = "${env:CHAT_TLS_KEY}",
            description = "PEM private key (PKCS#8) of --tls-cert [CHAT_TLS_KEY].")
    Path tlsKey;

    @Option(names = "--max-store-mb", defaultValue = "${env:CHAT_MAX_STORE_MB:-0}",
            description = "Largest database in MiB; beyond it sends answer internal as on a full disk; "
                    + "0 = no limit [CHAT_MAX_STORE_MB]. Default: ${DEFAULT-VALUE}")
    int maxStoreMb;

    @Mixin
    BotOptions bot;

    @Mixin
    FileOptions files;

    @Mixin
    IrcOptions irc;

    @Option(names = "--no-epoll", negatable = false, defaultValue = "${env:CHAT_NO_EPOLL:-false}",
            description = "Use Java NIO even where native epoll is available [CHAT_NO_EPOLL].")
    boolean noEpoll;

    @Option(names = "--transport", paramLabel = "auto|io_uring|epoll|nio",
            defaultValue = "${env:CHAT_TRANSPORT:-epoll}",
            converter = TransportConverter.class,
            description = "Network transport to try first; one the kernel refuses falls back to the next "
                    + "(io_uring, epoll, nio); auto = the fastest allowed [CHAT_TRANSPORT]. Default: ${DEFAULT-VALUE}")
    Transport.Preference transport;

    /**
     * A command line for this command whose bad values (an idle timeout shorter than the
     * heartbeat, say) print one line and exit 2, like usage errors, instead of a stack trace.
     */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new ServerCommand());
        commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
            cmd.getErr().println("chat-server: " + error.getMessage());
            return CommandLine.ExitCode.USAGE;
        });
        return commandLine;
    }

    /** Builds the config the options describe. */
    @Override
    public ServerConfig call() {
        HashSet<String> adminNames = new HashSet<>(admins);
        String fromEnv = System.getenv("CHAT_ADMINS");
        if (admins.isEmpty() && fromEnv != null && !fromEnv.isBlank()) {
            for (String name : fromEnv.split(",")) {
                if (!name.isBlank()) {
                    adminNames.add(name.trim());
                }
            }
        }
        return ServerConfig.builder()
                .host(host)
                .port(port)
                .dataDir(dataDir)
                .auditLog(auditLog)
                .admins(adminNames)
                .maxFrame(maxFrame)
                .heartbeatS(heartbeatS)
                .idleTimeoutS(idleTimeoutS)
                .rate(rate)
                .burst(burst)
                .roomOpRate(roomOpRate)
                .roomOpBurst(roomOpBurst)
                .tokenTtl(Duration.ofHours(tokenTtlHours))
                .maxOutboundBytes(maxOutboundBytes)
                .maxPendingRequests(maxPendingRequests)
                .searchShortWindow(searchShortWindow)
                .maxCommitBatch(maxCommitBatch)
                .shutdownGraceS(shutdownGraceS)
                .epoll(!noEpoll)
                .transport(transport)
                .ioThreads(ioThreads)
                .httpPort(httpPort)
                .store(storeUrl == null || storeUrl.isBlank() ? null : new ServerConfig.StoreLocation(storeUrl,
                        storeUser, System.getenv(storePasswordEnv)))
                .cluster(clusterUri == null || clusterUri.isBlank() ? null
                        : new ServerConfig.Cluster(clusterUri, nodeId == null || nodeId.isBlank() ? defaultNodeId() : nodeId,
                                clusterHoldMs))
                .loginTimeoutS(loginTimeoutS)
                .maxConnections(maxConnections)
                .maxConnectionsPerAddress(maxConnectionsPerAddress)
                .fdReserve(fdReserve)
                .overCapHealthConnections(overCapHealthConnections)
                .httpRequestTimeoutS(httpRequestTimeoutS)
                .allowedOrigins(commaSeparated(allowedOrigins))
                .loginFailuresBeforeDelay(loginFailuresBeforeDelay)
                .loginAddressFailuresBeforeDelay(loginAddressFailuresBeforeDelay)
                .loginChecksPerAddress(loginChecksPerAddress)
                .loginFirstDelayMs(loginFirstDelayMs)
                .loginMaxDelayS(loginMaxDelayS)
                .loginFailureWindow(Duration.ofMinutes(loginFailureWindowM))
                .registrationsPerMinute(registrationsPerMinute)
                .hashThreads(hashThreads)
                .hashQueue(hashQueue)
                .tls(tlsCert, tlsKey)
                .maxStoreMb(maxStoreMb)
                .bot(bot.toConfig())
                .irc(irc.toConfig())
                .fileLimits(files.toLimits())
                .fileQuotas(files.toQuotas())
                .build();
    }

    private static Set<String> commaSeparated(String values) {
        Set<String> set = new HashSet<>();
        if (values != null) {
            for (String value : values.split(",")) {
                if (!value.isBlank()) {
                    set.add(value.trim());
                }
            }
        }
        return set;
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /** {@code io_uring}, {@code epoll}, ... in any case onto {@link Transport.Preference}. */
    static final class TransportConverter implements CommandLine.ITypeConverter<Transport.Preference> {
        @Override
        public Transport.Preference convert(String value) {
            try {
                return Transport.Preference.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not one of auto, io_uring, epoll, nio");
            }
        }
    }

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ChatServer.NAME};
        }
    }
}

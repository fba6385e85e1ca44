package chatroom.server.config;

import chatroom.common.Transport;
import chatroom.server.bot.BotConfig;
import chatroom.server.irc.IrcConfig;
import chatroom.server.files.FileLimits;
import chatroom.server.files.FileQuotas;
import chatroom.server.store.Names;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the server can be told, immutable, with a documented default for each value. The
 * command line ({@code ServerCommand}) maps one-to-one onto the {@link Builder}.
 */
public final class ServerConfig {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8888;
    /** The HTTP port of the command line (page, /health, /metrics, /ws). Built configs have none unless set. */
    public static final int DEFAULT_HTTP_PORT = 8080;
    /** An {@link Builder#httpPort} meaning "no HTTP port". */
    public static final int NO_HTTP = -1;
    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    public static final int DEFAULT_MAX_FRAME = 65536;
    public static final int DEFAULT_HEARTBEAT_S = 30;
    public static final int DEFAULT_IDLE_TIMEOUT_S = 90;
    /** Sends a second per session (token bucket refill rate). */
    public static final int DEFAULT_RATE = 20;
    /** Sends a session may make at once (token bucket size). */
    public static final int DEFAULT_BURST = 40;
    /** Room operations (join, leave, topic, invite together) a second per session: contract §9. */
    public static final int DEFAULT_ROOM_OP_RATE = 5;
    /** Room operations a session may make at once. */
    public static final int DEFAULT_ROOM_OP_BURST = 10;
    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofDays(7);
    /** Bytes queued for one slow reader before it is disconnected. */
    public static final int DEFAULT_MAX_OUTBOUND_BYTES = 4 * 1024 * 1024;
    /** Requests of one connection waiting behind a slow one before reading pauses; also its most sends in flight. */
    public static final int DEFAULT_MAX_PENDING_REQUESTS = 64;
    /**
     * A search shorter than 3 characters has no trigram to look up: it reads at most this many of
     * the newest messages of each conversation it covers.
     */
    public static final int DEFAULT_SEARCH_SHORT_WINDOW = 1000;
    /** Largest batch of writes one store transaction commits. */
    public static final int DEFAULT_MAX_COMMIT_BATCH = 1024;
    public static final int DEFAULT_SHUTDOWN_GRACE_S = 10;
    /**
     * Event loop threads; 0 means one per core. Netty's default of two per core measured fewer
     * fan-out deliveries on a 2-core box (docs/benchmarks.md): the extra threads only add context
     * switches.
     */
    public static final int DEFAULT_IO_THREADS = 0;

    /**
     * Epoll: io_uring works in this sandbox's kernel but has not been measured faster on the fan-out
     * workloads yet (docs/benchmarks.md); {@code --transport io_uring} or {@code auto} tries it.
     */
    public static final Transport.Preference DEFAULT_TRANSPORT = Transport.Preference.EPOLL;
    /** Seconds a connection may stay without logging in. */
    public static final int DEFAULT_LOGIN_TIMEOUT_S = 10;
    /**
     * Open connections on all listeners together; 0 means as many as the process's open-file limit
     * leaves after {@link #DEFAULT_FD_RESERVE} (a set value above that is lowered at start-up).
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 0;
    /**
     * File descriptors kept back from the connection cap: the JVM's own (jars, event loops), the
     * database with its WAL, log files, files being streamed, pooled PostgreSQL and Redis connections,
     * and the {@link #DEFAULT_OVER_CAP_HEALTH_CONNECTIONS} answered beyond the cap.
     */
    public static final int DEFAULT_FD_RESERVE = 256;
    /** HTTP connections beyond the caps that may still ask {@code /health} (and get 503 for anything else). */
    public static final int DEFAULT_OVER_CAP_HEALTH_CONNECTIONS = 8;
    /** Seconds an HTTP connection has to deliver a whole request (a WebSocket handshake included). */
    public static final int DEFAULT_HTTP_REQUEST_TIMEOUT_S = 10;
    /** Open connections from one remote address. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 1000;
    /**
     * Failed password logins of one account from one address (within {@link #DEFAULT_LOGIN_FAILURE_WINDOW})
     * before that pair's attempts are delayed.
     */
    public static final int DEFAULT_LOGIN_FAILURES_BEFORE_DELAY = 3;
    /** Failed password logins from one address, any account, before that address's attempts are delayed. */
    public static final int DEFAULT_LOGIN_ADDRESS_FAILURES_BEFORE_DELAY = 10;
    /** Password checks that may run at once for one address (one per account always). */
    public static final int DEFAULT_LOGIN_CHECKS_PER_ADDRESS = 1;
    /** The first throttle delay; it doubles with each further failure. */
    public static final int DEFAULT_LOGIN_FIRST_DELAY_MS = 250;
    /** The longest throttle delay. */
    public static final int DEFAULT_LOGIN_MAX_DELAY_S = 30;
    /** How long a failure is remembered after the last one of its key. */
    public static final Duration DEFAULT_LOGIN_FAILURE_WINDOW = Duration.ofMinutes(15);
    /** Registrations one address may start a minute (TCP and WebSocket together). */
    public static final int DEFAULT_REGISTRATIONS_PER_MINUTE = 5;
    /** Password hashing threads; 0 means one per core. */
    public static final int DEFAULT_HASH_THREADS = 0;
    /** Password checks that may wait for a hashing thread; beyond them requests answer busy. */
    public static final int DEFAULT_HASH_QUEUE = 256;
    /** How long a node holds a message that arrived ahead of a gap before it reads the gap from the store. */
    public static final int DEFAULT_CLUSTER_HOLD_MS = 200;
    /** The audit log's file name in the data directory, unless {@link Builder#auditLog} names another file. */
    public static final String DEFAULT_AUDIT_LOG_NAME = "audit.log";

    private final String host;
    private final int port;
    private final Path dataDir;
    private final Set<String> admins;
    private final int maxFrame;
    private final int heartbeatS;
    private final int idleTimeoutS;
    private final int rate;
    private final int burst;
    private final int roomOpRate;
    private final int roomOpBurst;
    private final Duration tokenTtl;
    private final int maxOutboundBytes;
    private final int maxPendingRequests;
    private final int searchShortWindow;
    private final int maxCommitBatch;
    private final int shutdownGraceS;
    private final boolean epoll;
    private final Transport.Preference transport;
    private final int ioThreads;
    private final int httpPort;
    private final StoreLocation store;
    private final Cluster cluster;
    private final int loginTimeoutS;
    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final int fdReserve;
    private final int overCapHealthConnections;
    private final int httpRequestTimeoutS;
    private final Set<String> allowedOrigins;
    private final int loginFailuresBeforeDelay;
    private final int loginAddressFailuresBeforeDelay;
    private final int loginFirstDelayMs;
    private final int loginChecksPerAddress;
    private final int loginMaxDelayS;
    private final Duration loginFailureWindow;
    private final int registrationsPerMinute;
    private final int hashThreads;
    private final int hashQueue;
    private final Path tlsCert;
    private final Path tlsKey;
    private final int maxStoreMb;
    private final BotConfig bot;
    private final IrcConfig irc;
    private final FileLimits fileLimits;
    private final Path auditLog;
    private final FileQuotas fileQuotas;

    private ServerConfig(Builder b) {
        this.host = Objects.requireNonNull(b.host, "host");
        this.port = checkRange("port", b.port, 0, 65535);
        this.dataDir = Objects.requireNonNull(b.dataDir, "dataDir");
        this.admins = b.admins.stream().map(Names::key)
                .collect(Collectors.toUnmodifiableSet());
        this.maxFrame = checkRange("maxFrame", b.maxFrame, 1024, 16 * 1024 * 1024);
        this.heartbeatS = checkRange("heartbeatS", b.heartbeatS, 1, 86_400);
        this.idleTimeoutS = checkRange("idleTimeoutS", b.idleTimeoutS, 1, 86_400);
        this.rate = checkRange("rate", b.rate, 1, 1_000_000);
        this.burst = checkRange("burst", b.burst, 1, 1_000_000);
        this.roomOpRate = checkRange("roomOpRate", b.roomOpRate, 1, 1_000_000);
        this.roomOpBurst = checkRange("roomOpBurst", b.roomOpBurst, 1, 1_000_000);
        this.tokenTtl = Objects.requireNonNull(b.tokenTtl, "tokenTtl");
        this.maxOutboundBytes = checkRange("maxOutboundBytes", b.maxOutboundBytes, 64 * 1024, Integer.MAX_VALUE);
        this.maxPendingRequests = checkRange("maxPendingRequests", b.maxPendingRequests, 1, 100_000);
        this.searchShortWindow = checkRange("searchShortWindow", b.searchShortWindow, 1, 1_000_000);
        this.maxCommitBatch = checkRange("maxCommitBatch", b.maxCommitBatch, 1, 100_000);
        this.shutdownGraceS = checkRange("shutdownGraceS", b.shutdownGraceS, 0, 3600);
        this.epoll = b.epoll;
        this.transport = Objects.requireNonNull(b.transport, "transport");
        this.ioThreads = b.ioThreads == 0 ? Runtime.getRuntime().availableProcessors()
                : checkRange("ioThreads", b.ioThreads, 1, 1024);
        this.loginTimeoutS = checkRange("loginTimeoutS", b.loginTimeoutS, 1, 86_400);
        this.maxConnections = checkRange("maxConnections", b.maxConnections, 0, 10_000_000);
        this.maxConnectionsPerAddress = checkRange("maxConnectionsPerAddress", b.maxConnectionsPerAddress, 1, 10_000_000);
        this.fdReserve = checkRange("fdReserve", b.fdReserve, 0, 1_000_000);
        this.overCapHealthConnections = checkRange("overCapHealthConnections", b.overCapHealthConnections, 0, 10_000);
        this.httpRequestTimeoutS = checkRange("httpRequestTimeoutS", b.httpRequestTimeoutS, 1, 3600);
        this.allowedOrigins = b.allowedOrigins.stream().map(ServerConfig::origin)
                .collect(Collectors.toUnmodifiableSet());
        this.loginFailuresBeforeDelay = checkRange("loginFailuresBeforeDelay", b.loginFailuresBeforeDelay, 1, 1_000_000);
        this.loginAddressFailuresBeforeDelay = checkRange("loginAddressFailuresBeforeDelay",
                b.loginAddressFailuresBeforeDelay, 1, 1_000_000);
        this.loginChecksPerAddress = checkRange("loginChecksPerAddress", b.loginChecksPerAddress, 1, 1_000_000);
        this.loginFirstDelayMs = checkRange("loginFirstDelayMs", b.loginFirstDelayMs, 1, 3_600_000);
        this.loginMaxDelayS = checkRange("loginMaxDelayS", b.loginMaxDelayS, 1, 86_400);
        this.loginFailureWindow = Objects.requireNonNull(b.loginFailureWindow, "loginFailureWindow");
        if (loginFailureWindow.isNegative() || loginFailureWindow.isZero()) {
            throw new IllegalArgumentException("login failure window must be positive");
        }
        this.registrationsPerMinute = checkRange("registrationsPerMinute", b.registrationsPerMinute, 1, 1_000_000);
        this.hashThreads = b.hashThreads == 0 ? Runtime.getRuntime().availableProcessors()
                : checkRange("hashThreads", b.hashThreads, 1, 1024);
        this.hashQueue = checkRange("hashQueue", b.hashQueue, 1, 1_000_000);
        this.tlsCert = b.tlsCert;
        this.tlsKey = b.tlsKey;
        this.maxStoreMb = checkRange("maxStoreMb", b.maxStoreMb, 0, Integer.MAX_VALUE);
        this.bot = b.bot;
        this.irc = b.irc;
        this.httpPort = checkRange("httpPort", b.httpPort, NO_HTTP, 65535);
        this.store = b.store;
        if (store != null && !store.url().startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--store takes a jdbc:postgresql://HOST:PORT/DATABASE URL, not "
                    + store.url());
        }
        this.cluster = b.cluster;
        if (cluster != null && store == null) {
            throw new IllegalArgumentException("--cluster needs a shared database: add --store jdbc:postgresql://...");
        }
        if (cluster != null && !cluster.redisUri().startsWith("redis://")) {
            throw new IllegalArgumentException("--cluster takes a redis://HOST:PORT URI, not " + cluster.redisUri());
        }
        if (cluster != null) {
            checkRange("clusterHoldMs", cluster.holdBackMs(), 1, 60_000);
            if (cluster.nodeId() == null || !cluster.nodeId().matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("--node-id is 1 to 64 letters, digits, '.', '_' or '-', not "
                        + cluster.nodeId());
            }
        }
        this.fileLimits = Objects.requireNonNull(b.fileLimits, "fileLimits");
        this.fileQuotas = Objects.requireNonNull(b.fileQuotas, "fileQuotas");
        this.auditLog = b.auditLog == null ? dataDir.resolve(DEFAULT_AUDIT_LOG_NAME) : b.auditLog;
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate (--tls-cert) and its key (--tls-key)");
        }
        if (idleTimeoutS <= heartbeatS) {
            throw new IllegalArgumentException("idle timeout (" + idleTimeoutS
                    + " s) must be longer than the heartbeat (" + heartbeatS + " s)");
        }
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("token TTL must be positive");
        }
    }

    /** An origin as browsers send it: lower-case {@code scheme://host[:port]}, no path. */
    private static String origin(String value) {
        String origin = value.strip().toLowerCase(Locale.ROOT);
        if (origin.endsWith("/")) {
            origin = origin.substring(0, origin.length() - 1);
        }
        if (!origin.matches("https?://[^/?#@\\s]+")) {
            throw new IllegalArgumentException("--allowed-origins takes origins like https://chat.example.com, not "
                    + value);
        }
        return origin;
    }

    private static int checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * The names whose accounts get admin rights at start-up and on registration, as name keys
     * ({@link Names#key}). The rights are then the account's ({@code UserRecord.admin}), kept through renames.
     */
    public Set<String> admins() {
        return admins;
    }

    public int maxFrame() {
        return maxFrame;
    }

    public int heartbeatS() {
        return heartbeatS;
    }

    public int idleTimeoutS() {
        return idleTimeoutS;
    }

    public int rate() {
        return rate;
    }

    public int burst() {
        return burst;
    }

    /** Room operations (join, leave, topic, invite) a second per session. */
    public int roomOpRate() {
        return roomOpRate;
    }

    /** Room operations a session may make at once. */
    public int roomOpBurst() {
        return roomOpBurst;
    }

    public Duration tokenTtl() {
        return tokenTtl;
    }

    public int maxOutboundBytes() {
        return maxOutboundBytes;
    }

    public int maxPendingRequests() {
        return maxPendingRequests;
    }

    /** Newest messages per conversation a search of fewer than 3 characters reads. */
    public int searchShortWindow() {
        return searchShortWindow;
    }

    public int maxCommitBatch() {
        return maxCommitBatch;
    }

    public int shutdownGraceS() {
        return shutdownGraceS;
    }

    /** Event loop threads serving connections. */
    public int ioThreads() {
        return ioThreads;
    }

    /** Whether to use native epoll when the platform has it (NIO otherwise). */
    public boolean epoll() {
        return epoll;
    }

    /**
     * The network transport to try first ({@link #DEFAULT_TRANSPORT}); one the kernel refuses falls
     * back to the next ({@link Transport#choose}). {@code epoll(false)} still means NIO.
     */
    public Transport.Preference transport() {
        return epoll ? transport : Transport.Preference.NIO;
    }

    public int loginTimeoutS() {
        return loginTimeoutS;
    }

    /** The configured cap on open connections; 0: derived from the open-file limit at start-up. */
    public int maxConnections() {
        return maxConnections;
    }

    /** File descriptors the connection cap leaves for everything else. */
    public int fdReserve() {
        return fdReserve;
    }

    /** HTTP connections beyond the caps that are still answered on {@code /health}. */
    public int overCapHealthConnections() {
        return overCapHealthConnections;
    }

    /** Seconds an HTTP request (or a WebSocket handshake) may take to arrive whole. */
    public int httpRequestTimeoutS() {
        return httpRequestTimeoutS;
    }

    /** Origins besides the server's own whose pages may open {@code /ws}, lower-case. */
    public Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    public int loginFailuresBeforeDelay() {
        return loginFailuresBeforeDelay;
    }

    public int loginAddressFailuresBeforeDelay() {
        return loginAddressFailuresBeforeDelay;
    }

    /** Password checks that may run at once for one remote address. */
    public int loginChecksPerAddress() {
        return loginChecksPerAddress;
    }

    public int loginFirstDelayMs() {
        return loginFirstDelayMs;
    }

    public int loginMaxDelayS() {
        return loginMaxDelayS;
    }

    /** Registrations one address may start a minute, all listeners together. */
    public int registrationsPerMinute() {
        return registrationsPerMinute;
    }

    /** Threads hashing and checking passwords. */
    public int hashThreads() {
        return hashThreads;
    }

    /** Password hashes that may wait for a thread before requests answer {@code busy}. */
    public int hashQueue() {
        return hashQueue;
    }

    public Duration loginFailureWindow() {
        return loginFailureWindow;
    }

    /** Largest database in MiB (0: no limit but the disk). */
    public int maxStoreMb() {
        return maxStoreMb;
    }

    /** Whether the chat port speaks TLS. */
    /**
     * Where messages are stored: a PostgreSQL database, or null for the embedded SQLite database in
     * the data directory.
     */
    public StoreLocation store() {
        return store;
    }

    /** Cluster mode: the Redis the nodes share, this node's name, the hold-back time; null on a single node. */
    public Cluster cluster() {
        return cluster;
    }

    /** How a node joins a cluster. */
    public record Cluster(String redisUri, String nodeId, int holdBackMs) {
    }

    /** A database server to store in: its JDBC URL and credentials. */
    public record StoreLocation(String url, String user, String password) {

        @Override
        public String toString() {
            return url; // never the password
        }
    }

    /** The HTTP port (0: any free one), or {@link #NO_HTTP}. */
    public int httpPort() {
        return httpPort;
    }

    /** The file the audit trail is appended to (owner-only). */
    public Path auditLog() {
        return auditLog;
    }

    /** How many bytes of files the server keeps, per uploader and in all, and the free disk it leaves. */
    public FileQuotas fileQuotas() {
        return fileQuotas;
    }

    /** What may be shared as files. */
    public FileLimits fileLimits() {
        return fileLimits;
    }

    /** The IRC gateway (§11), or null when it is off. */
    public IrcConfig irc() {
        return irc;
    }

    /** The room assistant's endpoint, or null when the server has no bot. */
    public BotConfig bot() {
        return bot;
    }

    public boolean tls() {
        return tlsCert != null;
    }

    /** PEM certificate chain for TLS, or null. */
    public Path tlsCert() {
        return tlsCert;
    }

    /** PEM private key (PKCS#8) for TLS, or null. */
    public Path tlsKey() {
        return tlsKey;
    }

    /** Builder with every default filled in. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path dataDir = DEFAULT_DATA_DIR;
        private Set<String> admins = Set.of();
        private int maxFrame = DEFAULT_MAX_FRAME;
        private int heartbeatS = DEFAULT_HEARTBEAT_S;
        private int idleTimeoutS = DEFAULT_IDLE_TIMEOUT_S;
        private int rate = DEFAULT_RATE;
        private int burst = DEFAULT_BURST;
        private int roomOpRate = DEFAULT_ROOM_OP_RATE;
        private int roomOpBurst = DEFAULT_ROOM_OP_BURST;
        private Duration tokenTtl = DEFAULT_TOKEN_TTL;
        private int maxOutboundBytes = DEFAULT_MAX_OUTBOUND_BYTES;
        private int maxPendingRequests = DEFAULT_MAX_PENDING_REQUESTS;
        private int searchShortWindow = DEFAULT_SEARCH_SHORT_WINDOW;
        private int maxCommitBatch = DEFAULT_MAX_COMMIT_BATCH;
        private int shutdownGraceS = DEFAULT_SHUTDOWN_GRACE_S;
        private boolean epoll = true;
        private Transport.Preference transport = DEFAULT_TRANSPORT;
        private int ioThreads = DEFAULT_IO_THREADS;
        private BotConfig bot;
        private IrcConfig irc;
        private int httpPort = NO_HTTP;
        private StoreLocation store;
        private Cluster cluster;
        private FileLimits fileLimits = FileLimits.DEFAULT;
        private Path auditLog;
        private FileQuotas fileQuotas = FileQuotas.DEFAULT;
        private int loginTimeoutS = DEFAULT_LOGIN_TIMEOUT_S;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private int fdReserve = DEFAULT_FD_RESERVE;
        private int overCapHealthConnections = DEFAULT_OVER_CAP_HEALTH_CONNECTIONS;
        private int httpRequestTimeoutS = DEFAULT_HTTP_REQUEST_TIMEOUT_S;
        private Set<String> allowedOrigins = Set.of();
        private int loginFailuresBeforeDelay = DEFAULT_LOGIN_FAILURES_BEFORE_DELAY;
        private int loginAddressFailuresBeforeDelay = DEFAULT_LOGIN_ADDRESS_FAILURES_BEFORE_DELAY;
        private int loginFirstDelayMs = DEFAULT_LOGIN_FIRST_DELAY_MS;
        private int loginChecksPerAddress = DEFAULT_LOGIN_CHECKS_PER_ADDRESS;
        private int loginMaxDelayS = DEFAULT_LOGIN_MAX_DELAY_S;
        private Duration loginFailureWindow = DEFAULT_LOGIN_FAILURE_WINDOW;
        private int registrationsPerMinute = DEFAULT_REGISTRATIONS_PER_MINUTE;
        private int hashThreads = DEFAULT_HASH_THREADS;
        private int hashQueue = DEFAULT_HASH_QUEUE;
        private Path tlsCert;
        private Path tlsKey;
        private int maxStoreMb;

        private Builder() {
        }

        public Builder maxStoreMb(int maxStoreMb) {
            this.maxStoreMb = maxStoreMb;
            return this;
        }

        /** Serves TLS on the chat port with this PEM certificate chain and PKCS#8 PEM key. */
        public Builder tls(Path certChainPem, Path privateKeyPem) {
            this.tlsCert = certChainPem;
            this.tlsKey = privateKeyPem;
            return this;
        }

        public Builder loginTimeoutS(int loginTimeoutS) {
            this.loginTimeoutS = loginTimeoutS;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder maxConnectionsPerAddress(int maxConnectionsPerAddress) {
            this.maxConnectionsPerAddress = maxConnectionsPerAddress;
            return this;
        }

        public Builder fdReserve(int fdReserve) {
            this.fdReserve = fdReserve;
            return this;
        }

        public Builder overCapHealthConnections(int overCapHealthConnections) {
            this.overCapHealthConnections = overCapHealthConnections;
            return this;
        }

        public Builder httpRequestTimeoutS(int httpRequestTimeoutS) {
            this.httpRequestTimeoutS = httpRequestTimeoutS;
            return this;
        }

        /** Origins (e.g. {@code https://chat.example.com}) besides the server's own allowed to open {@code /ws}. */
        public Builder allowedOrigins(Set<String> allowedOrigins) {
            this.allowedOrigins = Set.copyOf(allowedOrigins);
            return this;
        }

        public Builder loginFailuresBeforeDelay(int failures) {
            this.loginFailuresBeforeDelay = failures;
            return this;
        }

        public Builder loginAddressFailuresBeforeDelay(int failures) {
            this.loginAddressFailuresBeforeDelay = failures;
            return this;
        }

        public Builder loginChecksPerAddress(int checks) {
            this.loginChecksPerAddress = checks;
            return this;
        }

        public Builder loginFirstDelayMs(int delayMs) {
            this.loginFirstDelayMs = delayMs;
            return this;
        }

        public Builder loginMaxDelayS(int delayS) {
            this.loginMaxDelayS = delayS;
            return this;
        }

        public Builder registrationsPerMinute(int registrations) {
            this.registrationsPerMinute = registrations;
            return this;
        }

        /** Password hashing threads; 0 = one per core. */
        public Builder hashThreads(int threads) {
            this.hashThreads = threads;
            return this;
        }

        public Builder hashQueue(int queued) {
            this.hashQueue = queued;
            return this;
        }

        public Builder loginFailureWindow(Duration window) {
            this.loginFailureWindow = window;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder admins(Set<String> admins) {
            this.admins = Set.copyOf(admins);
            return this;
        }

        public Builder maxFrame(int maxFrame) {
            this.maxFrame = maxFrame;
            return this;
        }

        public Builder heartbeatS(int heartbeatS) {
            this.heartbeatS = heartbeatS;
            return this;
        }

        public Builder idleTimeoutS(int idleTimeoutS) {
            this.idleTimeoutS = idleTimeoutS;
            return this;
        }

        public Builder rate(int rate) {
            this.rate = rate;
            return this;
        }

        public Builder burst(int burst) {
            this.burst = burst;
            return this;
        }

        public Builder roomOpRate(int roomOpRate) {
            this.roomOpRate = roomOpRate;
            return this;
        }

        public Builder roomOpBurst(int roomOpBurst) {
            this.roomOpBurst = roomOpBurst;
            return this;
        }

        public Builder tokenTtl(Duration tokenTtl) {
            this.tokenTtl = tokenTtl;
            return this;
        }

        public Builder maxOutboundBytes(int maxOutboundBytes) {
            this.maxOutboundBytes = maxOutboundBytes;
            return this;
        }

        public Builder searchShortWindow(int searchShortWindow) {
            this.searchShortWindow = searchShortWindow;
            return this;
        }

        public Builder maxPendingRequests(int maxPendingRequests) {
            this.maxPendingRequests = maxPendingRequests;
            return this;
        }

        public Builder maxCommitBatch(int maxCommitBatch) {
            this.maxCommitBatch = maxCommitBatch;
            return this;
        }

        public Builder shutdownGraceS(int shutdownGraceS) {
            this.shutdownGraceS = shutdownGraceS;
            return this;
        }

        /** The audit log file; null (the default) for {@code audit.log} in the data directory. */
        public Builder auditLog(Path auditLog) {
            this.auditLog = auditLog;
            return this;
        }

        public Builder fileQuotas(FileQuotas fileQuotas) {
            this.fileQuotas = fileQuotas;
            return this;
        }

        public Builder fileLimits(FileLimits fileLimits) {
            this.fileLimits = fileLimits;
            return this;
        }

        public Builder cluster(Cluster cluster) {
            this.cluster = cluster;
            return this;
        }

        public Builder store(StoreLocation store) {
            this.store = store;
            return this;
        }

        public Builder httpPort(int httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        /** The IRC gateway; null (the default for embedded servers and tests) leaves it off. */
        public Builder irc(IrcConfig irc) {
            this.irc = irc;
            return this;
        }

        public Builder bot(BotConfig bot) {
            this.bot = bot;
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        public Builder epoll(boolean epoll) {
            this.epoll = epoll;
            return this;
        }

        public Builder transport(Transport.Preference transport) {
            this.transport = transport;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(this);
        }
    }
}

package chatroom.server.config;

import chatroom.server.bot.BotConfig;
import chatroom.server.files.FileLimits;
import chatroom.server.files.FileQuotas;
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
    /** Largest batch of writes one store transaction commits. */
    public static final int DEFAULT_MAX_COMMIT_BATCH = 1024;
    public static final int DEFAULT_SHUTDOWN_GRACE_S = 10;
    /**
     * Event loop threads; 0 means one per core. Netty's default of two per core measured fewer
     * fan-out deliveries on a 2-core box (docs/benchmarks.md): the extra threads only add context
     * switches.
     */
    public static final int DEFAULT_IO_THREADS = 0;
    /** Seconds a connection may stay without logging in. */
    public static final int DEFAULT_LOGIN_TIMEOUT_S = 10;
    /** Open connections, all addresses together. */
    public static final int DEFAULT_MAX_CONNECTIONS = 100_000;
    /** Open connections from one remote address. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 1000;
    /** Failed logins (per user or per address, within {@link #DEFAULT_LOGIN_FAILURE_WINDOW}) before answers slow down. */
    public static final int DEFAULT_LOGIN_FAILURES_BEFORE_DELAY = 3;
    /** Failed logins within the window after which logins answer rate_limited. */
    public static final int DEFAULT_LOGIN_FAILURES_BEFORE_REFUSAL = 10;
    public static final Duration DEFAULT_LOGIN_FAILURE_WINDOW = Duration.ofMinutes(15);
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
    private final int maxCommitBatch;
    private final int shutdownGraceS;
    private final boolean epoll;
    private final int ioThreads;
    private final int httpPort;
    private final StoreLocation store;
    private final Cluster cluster;
    private final int loginTimeoutS;
    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final int loginFailuresBeforeDelay;
    private final int loginFailuresBeforeRefusal;
    private final Duration loginFailureWindow;
    private final Path tlsCert;
    private final Path tlsKey;
    private final int maxStoreMb;
    private final BotConfig bot;
    private final FileLimits fileLimits;
    private final Path auditLog;
    private final FileQuotas fileQuotas;

    private ServerConfig(Builder b) {
        this.host = Objects.requireNonNull(b.host, "host");
        this.port = checkRange("port", b.port, 0, 65535);
        this.dataDir = Objects.requireNonNull(b.dataDir, "dataDir");
        this.admins = b.admins.stream().map(name -> name.toLowerCase(Locale.ROOT))
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
        this.maxCommitBatch = checkRange("maxCommitBatch", b.maxCommitBatch, 1, 100_000);
        this.shutdownGraceS = checkRange("shutdownGraceS", b.shutdownGraceS, 0, 3600);
        this.epoll = b.epoll;
        this.ioThreads = b.ioThreads == 0 ? Runtime.getRuntime().availableProcessors()
                : checkRange("ioThreads", b.ioThreads, 1, 1024);
        this.loginTimeoutS = checkRange("loginTimeoutS", b.loginTimeoutS, 1, 86_400);
        this.maxConnections = checkRange("maxConnections", b.maxConnections, 1, 10_000_000);
        this.maxConnectionsPerAddress = checkRange("maxConnectionsPerAddress", b.maxConnectionsPerAddress, 1, 10_000_000);
        this.loginFailuresBeforeDelay = checkRange("loginFailuresBeforeDelay", b.loginFailuresBeforeDelay, 1, 1_000_000);
        this.loginFailuresBeforeRefusal = checkRange("loginFailuresBeforeRefusal", b.loginFailuresBeforeRefusal,
                loginFailuresBeforeDelay, 1_000_000);
        this.loginFailureWindow = Objects.requireNonNull(b.loginFailureWindow, "loginFailureWindow");
        this.tlsCert = b.tlsCert;
        this.tlsKey = b.tlsKey;
        this.maxStoreMb = checkRange("maxStoreMb", b.maxStoreMb, 0, Integer.MAX_VALUE);
        this.bot = b.bot;
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

    /** Server admins, as lower-case name keys. */
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

    public int loginTimeoutS() {
        return loginTimeoutS;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    public int loginFailuresBeforeDelay() {
        return loginFailuresBeforeDelay;
    }

    public int loginFailuresBeforeRefusal() {
        return loginFailuresBeforeRefusal;
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
        private int maxCommitBatch = DEFAULT_MAX_COMMIT_BATCH;
        private int shutdownGraceS = DEFAULT_SHUTDOWN_GRACE_S;
        private boolean epoll = true;
        private int ioThreads = DEFAULT_IO_THREADS;
        private BotConfig bot;
        private int httpPort = NO_HTTP;
        private StoreLocation store;
        private Cluster cluster;
        private FileLimits fileLimits = FileLimits.DEFAULT;
        private Path auditLog;
        private FileQuotas fileQuotas = FileQuotas.DEFAULT;
        private int loginTimeoutS = DEFAULT_LOGIN_TIMEOUT_S;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private int loginFailuresBeforeDelay = DEFAULT_LOGIN_FAILURES_BEFORE_DELAY;
        private int loginFailuresBeforeRefusal = DEFAULT_LOGIN_FAILURES_BEFORE_REFUSAL;
        private Duration loginFailureWindow = DEFAULT_LOGIN_FAILURE_WINDOW;
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

        public Builder loginFailuresBeforeDelay(int failures) {
            this.loginFailuresBeforeDelay = failures;
            return this;
        }

        public Builder loginFailuresBeforeRefusal(int failures) {
            this.loginFailuresBeforeRefusal = failures;
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

        public ServerConfig build() {
            return new ServerConfig(this);
        }
    }
}

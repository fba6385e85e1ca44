package chatroom.server.config;

import chatroom.server.bot.BotConfig;
import chatroom.server.files.FileLimits;
import chatroom.server.files.FileQuotas;
import chatroom.server.irc.IrcConfig;
import chatroom.server.room.FanOutPacing;
import chatroom.server.store.Names;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Everything the server can be told, immutable: one settings record per concern, each holding its
 * own documented defaults ({@link ListenerSettings}, {@link TlsSettings}, {@link LimitSettings},
 * {@link ConnectionSettings}, {@link LoginProtectionSettings}, {@link AccountSettings},
 * {@link StoreSettings}, {@link Cluster}, {@link FileLimits}, {@link FileQuotas}, {@link BotConfig},
 * {@link IrcConfig}). The command line ({@code ServerCommand}) builds the records through one picocli
 * mixin each; code and tests use the {@link Builder}. The flat accessors below delegate to the
 * records so that callers read {@code config.maxFrame()} wherever the value lives.
 */
public final class ServerConfig {

    /** An {@link Builder#httpPort} meaning "no HTTP port". */
    public static final int NO_HTTP = ListenerSettings.NO_HTTP;
    public static final String DEFAULT_HOST = ListenerSettings.DEFAULT_HOST;
    /** How long a node holds a message that arrived ahead of a gap before it reads the gap from the store. */
    public static final int DEFAULT_CLUSTER_HOLD_MS = 200;

    private final ListenerSettings listeners;
    private final TlsSettings tls;
    private final LimitSettings limits;
    private final ConnectionSettings connections;
    private final LoginProtectionSettings loginProtection;
    private final AccountSettings accounts;
    private final StoreSettings storage;
    private final Cluster cluster;
    private final FileLimits fileLimits;
    private final FileQuotas fileQuotas;
    private final BotConfig bot;
    private final IrcConfig irc;

    /**
     * @param cluster null on a single node
     * @param bot null when the server has no assistant
     * @param irc null when the IRC gateway is off
     */
    public ServerConfig(ListenerSettings listeners, TlsSettings tls, LimitSettings limits,
                        ConnectionSettings connections, LoginProtectionSettings loginProtection,
                        AccountSettings accounts, StoreSettings storage, Cluster cluster, FileLimits fileLimits,
                        FileQuotas fileQuotas, BotConfig bot, IrcConfig irc) {
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.loginProtection = Objects.requireNonNull(loginProtection, "loginProtection");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.cluster = cluster;
        this.fileLimits = Objects.requireNonNull(fileLimits, "fileLimits");
        this.fileQuotas = Objects.requireNonNull(fileQuotas, "fileQuotas");
        this.bot = bot;
        this.irc = irc;
        if (cluster != null && storage.database() == null) {
            throw new IllegalArgumentException("--cluster needs a shared database: add --store jdbc:postgresql://...");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public ListenerSettings listenerSettings() {
        return listeners;
    }

    public TlsSettings tlsSettings() {
        return tls;
    }

    public LimitSettings limitSettings() {
        return limits;
    }

    public ConnectionSettings connectionSettings() {
        return connections;
    }

    public LoginProtectionSettings loginProtectionSettings() {
        return loginProtection;
    }

    public AccountSettings accountSettings() {
        return accounts;
    }

    public StoreSettings storeSettings() {
        return storage;
    }

    /** Cluster mode: the Redis the nodes share, this node's name, the hold-back time; null on a single node. */
    public Cluster cluster() {
        return cluster;
    }

    /** What may be shared as files. */
    public FileLimits fileLimits() {
        return fileLimits;
    }

    /** How many bytes of files the server keeps, per uploader and in all, and the free disk it leaves. */
    public FileQuotas fileQuotas() {
        return fileQuotas;
    }

    /** The room assistant's endpoint, or null when the server has no bot. */
    public BotConfig bot() {
        return bot;
    }

    /** The IRC gateway (§11), or null when it is off. */
    public IrcConfig irc() {
        return irc;
    }

    // The flat view every caller reads; each line says which record holds the value.

    public String host() { return listeners.host(); }
    public int port() { return listeners.port(); }
    /** The HTTP port (0: any free one), or {@link #NO_HTTP}. */
    public int httpPort() { return listeners.httpPort(); }
    /** Event loop threads serving connections. */
    public int ioThreads() { return listeners.ioThreads(); }
    /** Whether to use native epoll when the platform has it (NIO otherwise). */
    public boolean epoll() { return listeners.epoll(); }

    /**
     * The network transport to try first ({@link ListenerSettings#DEFAULT_TRANSPORT}); one the kernel
     * refuses falls back to the next ({@link chatroom.common.Transport#choose}). {@code epoll(false)} still means NIO.
     */
    public chatroom.common.Transport.Preference transport() {
        return listeners.epoll() ? listeners.transport() : chatroom.common.Transport.Preference.NIO;
    }
    public int shutdownGraceS() { return listeners.shutdownGraceS(); }
    public int acceptBacklog() { return listeners.acceptBacklog(); }

    /** How the event loops send commits' message fan-out: linger, rest after a pass, slice. */
    public FanOutPacing fanOutPacing() {
        return new FanOutPacing(Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(listeners.fanOutLingerUs())),
                listeners.fanOutRestPercent(), listeners.fanOutSlice());
    }

    /** Whether the chat port (and the IRC port) speak TLS. */
    public boolean tls() { return tls.enabled(); }
    /** PEM certificate chain for TLS, or null. */
    public Path tlsCert() { return tls.certificate(); }
    /** PEM private key (PKCS#8) for TLS, or null. */
    public Path tlsKey() { return tls.privateKey(); }

    public int maxFrame() { return limits.maxFrame(); }
    public int rate() { return limits.rate(); }
    public int burst() { return limits.burst(); }
    /** Room operations (join, leave, topic, invite) a second per session. */
    public int roomOpRate() { return limits.roomOpRate(); }
    /** Room operations a session may make at once. */
    public int roomOpBurst() { return limits.roomOpBurst(); }
    public int maxOutboundBytes() { return limits.maxOutboundBytes(); }
    public int maxPendingRequests() { return limits.maxPendingRequests(); }
    /** Rooms of more members announce no online/offline; 0: every room does. */
    public int presenceMaxMembers() { return limits.presenceMaxMembers(); }

    public int heartbeatS() { return connections.heartbeatS(); }
    public int idleTimeoutS() { return connections.idleTimeoutS(); }
    public int loginTimeoutS() { return connections.loginTimeoutS(); }
    /** The configured cap on open connections; 0: derived from the open-file limit at start-up. */
    public int maxConnections() { return connections.maxConnections(); }
    public int maxConnectionsPerAddress() { return connections.maxConnectionsPerAddress(); }
    /** File descriptors the connection cap leaves for everything else. */
    public int fdReserve() { return connections.fdReserve(); }
    /** HTTP connections beyond the caps that are still answered on {@code /health}. */
    public int overCapHealthConnections() { return connections.overCapHealthConnections(); }
    /** Seconds an HTTP request (or a WebSocket handshake) may take to arrive whole. */
    public int httpRequestTimeoutS() { return connections.httpRequestTimeoutS(); }
    /** Origins besides the server's own whose pages may open {@code /ws}, lower-case. */
    public Set<String> allowedOrigins() { return connections.allowedOrigins(); }

    public int loginFailuresBeforeDelay() { return loginProtection.failuresBeforeDelay(); }
    public int loginAddressFailuresBeforeDelay() { return loginProtection.addressFailuresBeforeDelay(); }
    /** Password checks that may run at once for one remote address. */
    public int loginChecksPerAddress() { return loginProtection.checksPerAddress(); }
    public int loginFirstDelayMs() { return loginProtection.firstDelayMs(); }
    public int loginMaxDelayS() { return loginProtection.maxDelayS(); }
    public Duration loginFailureWindow() { return loginProtection.failureWindow(); }
    /** Registrations one address may start a minute, all listeners together. */
    public int registrationsPerMinute() { return loginProtection.registrationsPerMinute(); }
    /** Threads hashing and checking passwords. */
    public int hashThreads() { return loginProtection.hashThreads(); }
    /** Password hashes that may wait for a thread before requests answer {@code busy}. */
    public int hashQueue() { return loginProtection.hashQueue(); }

    /** Admin names as name keys ({@link Names#key}); see {@link AccountSettings#admins}. */
    public Set<String> admins() { return accounts.admins(); }
    public Duration tokenTtl() { return accounts.tokenTtl(); }

    public Path dataDir() { return storage.dataDir(); }
    /** A PostgreSQL database to store in, or null for the embedded SQLite database in the data directory. */
    public StoreLocation store() { return storage.database(); }
    /** Largest database in MiB (0: no limit but the disk). */
    public int maxStoreMb() { return storage.maxStoreMb(); }
    public int maxCommitBatch() { return storage.maxCommitBatch(); }
    /** Newest messages per conversation a search the index cannot answer reads (a query of 1 or 2 characters). */
    public int searchShortWindow() { return storage.searchShortWindow(); }
    /** The file the audit trail is appended to (owner-only). */
    public Path auditLog() { return storage.auditLog(); }
    /** How long a request waits for a PostgreSQL connection before it answers internal. */
    public int storeConnectionTimeoutMs() { return storage.connectionTimeoutMs(); }

    /**
     * How a node joins a cluster: the Redis the nodes share (one Redis, or the Sentinels of one; see
     * {@link RedisAddress}), this node's name, the hold-back time.
     */
    public record Cluster(String redisUri, String nodeId, int holdBackMs) {

        public Cluster {
            RedisAddress.check(redisUri);
            Range.check("clusterHoldMs", holdBackMs, 1, 60_000);
            if (nodeId == null || !nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("--node-id is 1 to 64 letters, digits, '.', '_' or '-', not "
                        + nodeId);
            }
        }
    }

    /** A database server to store in: its JDBC URL and credentials. */
    public record StoreLocation(String url, String user, String password) {

        @Override
        public String toString() {
            return url; // never the password
        }
    }

    /**
     * A config in code, every value at its record's default except two: no HTTP port and no IRC
     * gateway unless asked for, so embedded servers and tests open only the chat port.
     */
    public static final class Builder {
        private String host = ListenerSettings.DEFAULT_HOST;
        private int port = ListenerSettings.DEFAULT_PORT;
        private int httpPort = NO_HTTP;
        private int ioThreads = ListenerSettings.DEFAULT_IO_THREADS;
        private boolean epoll = ListenerSettings.DEFAULT_EPOLL;
        private chatroom.common.Transport.Preference transport = ListenerSettings.DEFAULT_TRANSPORT;
        private int shutdownGraceS = ListenerSettings.DEFAULT_SHUTDOWN_GRACE_S;
        private int acceptBacklog = ListenerSettings.DEFAULT_ACCEPT_BACKLOG;
        private int fanOutLingerUs = ListenerSettings.DEFAULT_FAN_OUT_LINGER_US;
        private int fanOutRestPercent = ListenerSettings.DEFAULT_FAN_OUT_REST_PERCENT;
        private int fanOutSlice = ListenerSettings.DEFAULT_FAN_OUT_SLICE;
        private TlsSettings tls = TlsSettings.NONE;
        private int maxFrame = LimitSettings.DEFAULT_MAX_FRAME;
        private int rate = LimitSettings.DEFAULT_RATE;
        private int burst = LimitSettings.DEFAULT_BURST;
        private int roomOpRate = LimitSettings.DEFAULT_ROOM_OP_RATE;
        private int roomOpBurst = LimitSettings.DEFAULT_ROOM_OP_BURST;
        private int maxOutboundBytes = LimitSettings.DEFAULT_MAX_OUTBOUND_BYTES;
        private int maxPendingRequests = LimitSettings.DEFAULT_MAX_PENDING_REQUESTS;
        private int presenceMaxMembers = LimitSettings.DEFAULT_PRESENCE_MAX_MEMBERS;
        private int heartbeatS = ConnectionSettings.DEFAULT_HEARTBEAT_S;
        private int idleTimeoutS = ConnectionSettings.DEFAULT_IDLE_TIMEOUT_S;
        private int loginTimeoutS = ConnectionSettings.DEFAULT_LOGIN_TIMEOUT_S;
        private int maxConnections = ConnectionSettings.DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerAddress = ConnectionSettings.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private int fdReserve = ConnectionSettings.DEFAULT_FD_RESERVE;
        private int overCapHealthConnections = ConnectionSettings.DEFAULT_OVER_CAP_HEALTH_CONNECTIONS;
        private int httpRequestTimeoutS = ConnectionSettings.DEFAULT_HTTP_REQUEST_TIMEOUT_S;
        private Set<String> allowedOrigins = Set.of();
        private int loginFailuresBeforeDelay = LoginProtectionSettings.DEFAULT_FAILURES_BEFORE_DELAY;
        private int loginAddressFailuresBeforeDelay = LoginProtectionSettings.DEFAULT_ADDRESS_FAILURES_BEFORE_DELAY;
        private int loginChecksPerAddress = LoginProtectionSettings.DEFAULT_CHECKS_PER_ADDRESS;
        private int loginFirstDelayMs = LoginProtectionSettings.DEFAULT_FIRST_DELAY_MS;
        private int loginMaxDelayS = LoginProtectionSettings.DEFAULT_MAX_DELAY_S;
        private Duration loginFailureWindow = LoginProtectionSettings.DEFAULTS.failureWindow();
        private int registrationsPerMinute = LoginProtectionSettings.DEFAULT_REGISTRATIONS_PER_MINUTE;
        private int hashThreads = LoginProtectionSettings.DEFAULT_HASH_THREADS;
        private int hashQueue = LoginProtectionSettings.DEFAULT_HASH_QUEUE;
        private Set<String> admins = Set.of();
        private Duration tokenTtl = AccountSettings.DEFAULTS.tokenTtl();
        private Path dataDir = StoreSettings.DEFAULT_DATA_DIR;
        private StoreLocation store;
        private int maxStoreMb = StoreSettings.DEFAULT_MAX_STORE_MB;
        private int maxCommitBatch = StoreSettings.DEFAULT_MAX_COMMIT_BATCH;
        private int searchShortWindow = StoreSettings.DEFAULT_SEARCH_SHORT_WINDOW;
        private int storeConnectionTimeoutMs = StoreSettings.DEFAULT_CONNECTION_TIMEOUT_MS;
        private Path auditLog;
        private Cluster cluster;
        private FileLimits fileLimits = FileLimits.DEFAULT;
        private FileQuotas fileQuotas = FileQuotas.DEFAULT;
        private BotConfig bot;
        private IrcConfig irc;

        private Builder() {
        }

        // One line per setter: each only records a value; build() checks them all through the records.
        public Builder host(String value) { host = value; return this; }
        public Builder port(int value) { port = value; return this; }
        /** The HTTP port; 0 picks a free one, {@link #NO_HTTP} (the default here) opens none. */
        public Builder httpPort(int value) { httpPort = value; return this; }
        public Builder ioThreads(int value) { ioThreads = value; return this; }
        public Builder epoll(boolean value) { epoll = value; return this; }
        public Builder transport(chatroom.common.Transport.Preference value) { transport = value; return this; }
        public Builder shutdownGraceS(int value) { shutdownGraceS = value; return this; }
        public Builder acceptBacklog(int value) { acceptBacklog = value; return this; }
        public Builder fanOutLingerUs(int value) { fanOutLingerUs = value; return this; }
        public Builder fanOutRestPercent(int value) { fanOutRestPercent = value; return this; }
        public Builder fanOutSlice(int value) { fanOutSlice = value; return this; }
        /** Serves TLS on the chat port with this PEM certificate chain and PKCS#8 PEM key. */
        public Builder tls(Path certChainPem, Path privateKeyPem) {
            tls = new TlsSettings(certChainPem, privateKeyPem);
            return this;
        }

        public Builder maxFrame(int value) { maxFrame = value; return this; }
        public Builder rate(int value) { rate = value; return this; }
        public Builder burst(int value) { burst = value; return this; }
        public Builder roomOpRate(int value) { roomOpRate = value; return this; }
        public Builder roomOpBurst(int value) { roomOpBurst = value; return this; }
        public Builder maxOutboundBytes(int value) { maxOutboundBytes = value; return this; }
        public Builder maxPendingRequests(int value) { maxPendingRequests = value; return this; }
        public Builder presenceMaxMembers(int value) { presenceMaxMembers = value; return this; }
        public Builder heartbeatS(int value) { heartbeatS = value; return this; }
        public Builder idleTimeoutS(int value) { idleTimeoutS = value; return this; }
        public Builder loginTimeoutS(int value) { loginTimeoutS = value; return this; }
        public Builder maxConnections(int value) { maxConnections = value; return this; }
        public Builder maxConnectionsPerAddress(int value) { maxConnectionsPerAddress = value; return this; }
        public Builder fdReserve(int value) { fdReserve = value; return this; }
        public Builder overCapHealthConnections(int value) { overCapHealthConnections = value; return this; }
        public Builder httpRequestTimeoutS(int value) { httpRequestTimeoutS = value; return this; }
        /** Origins (e.g. {@code https://chat.example.com}) besides the server's own allowed to open {@code /ws}. */
        public Builder allowedOrigins(Set<String> value) { allowedOrigins = Set.copyOf(value); return this; }
        public Builder loginFailuresBeforeDelay(int value) { loginFailuresBeforeDelay = value; return this; }
        public Builder loginAddressFailuresBeforeDelay(int value) { loginAddressFailuresBeforeDelay = value; return this; }
        public Builder loginChecksPerAddress(int value) { loginChecksPerAddress = value; return this; }
        public Builder loginFirstDelayMs(int value) { loginFirstDelayMs = value; return this; }
        public Builder loginMaxDelayS(int value) { loginMaxDelayS = value; return this; }
        public Builder loginFailureWindow(Duration value) { loginFailureWindow = value; return this; }
        public Builder registrationsPerMinute(int value) { registrationsPerMinute = value; return this; }
        /** Password hashing threads; 0 = one per core. */
        public Builder hashThreads(int value) { hashThreads = value; return this; }
        public Builder hashQueue(int value) { hashQueue = value; return this; }
        public Builder admins(Set<String> value) { admins = Set.copyOf(value); return this; }
        public Builder tokenTtl(Duration value) { tokenTtl = value; return this; }
        public Builder dataDir(Path value) { dataDir = value; return this; }
        public Builder store(StoreLocation value) { store = value; return this; }
        public Builder maxStoreMb(int value) { maxStoreMb = value; return this; }
        public Builder maxCommitBatch(int value) { maxCommitBatch = value; return this; }
        public Builder searchShortWindow(int value) { searchShortWindow = value; return this; }
        public Builder storeConnectionTimeoutMs(int value) { storeConnectionTimeoutMs = value; return this; }
        /** The audit log file; null (the default) for {@code audit.log} in the data directory. */
        public Builder auditLog(Path value) { auditLog = value; return this; }
        public Builder cluster(Cluster value) { cluster = value; return this; }
        public Builder fileLimits(FileLimits value) { fileLimits = value; return this; }
        public Builder fileQuotas(FileQuotas value) { fileQuotas = value; return this; }
        public Builder bot(BotConfig value) { bot = value; return this; }
        /** The IRC gateway; null (the default here) leaves it off. */
        public Builder irc(IrcConfig value) { irc = value; return this; }

        public ServerConfig build() {
            return new ServerConfig(
                    new ListenerSettings(host, port, httpPort, ioThreads, epoll, transport, shutdownGraceS,
                            acceptBacklog, fanOutLingerUs, fanOutRestPercent, fanOutSlice),
                    tls,
                    new LimitSettings(maxFrame, rate, burst, roomOpRate, roomOpBurst, maxOutboundBytes,
                            maxPendingRequests, presenceMaxMembers),
                    new ConnectionSettings(heartbeatS, idleTimeoutS, loginTimeoutS, maxConnections,
                            maxConnectionsPerAddress, fdReserve, overCapHealthConnections, httpRequestTimeoutS,
                            allowedOrigins),
                    new LoginProtectionSettings(loginFailuresBeforeDelay, loginAddressFailuresBeforeDelay,
                            loginChecksPerAddress, loginFirstDelayMs, loginMaxDelayS, loginFailureWindow,
                            registrationsPerMinute, hashThreads, hashQueue),
                    new AccountSettings(admins, tokenTtl),
                    new StoreSettings(dataDir, store, maxStoreMb, maxCommitBatch, searchShortWindow, auditLog,
                            storeConnectionTimeoutMs),
                    cluster, fileLimits, fileQuotas, bot, irc);
        }
    }
}

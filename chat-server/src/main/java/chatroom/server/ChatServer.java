package chatroom.server;

import chatroom.common.Transport;
import chatroom.codec.CodecLimits;
import chatroom.codec.JsonCodec;
import chatroom.codec.MessageDecoder;
import chatroom.codec.MessageEncoder;
import chatroom.codec.MessageTypes;
import chatroom.codec.message.Bye;
import chatroom.server.auth.LoginThrottle;
import chatroom.server.auth.HashMemoryBudget;
import chatroom.server.auth.PasswordHasher;
import chatroom.server.auth.RegistrationLimiter;
import chatroom.server.command.ServerContext;
import chatroom.server.audit.AuditFile;
import chatroom.server.bot.RoomBot;
import chatroom.server.cluster.Cluster;
import chatroom.server.cluster.ClusterEvent;
import chatroom.server.cluster.NodeEvents;
import chatroom.server.cluster.RedisCluster;
import chatroom.server.cluster.SingleNode;
import java.time.Duration;
import chatroom.server.config.ServerConfig;
import chatroom.server.files.FileStore;
import chatroom.server.irc.IrcNetwork;
import chatroom.server.irc.IrcServerInitializer;
import chatroom.server.http.HealthReport;
import chatroom.server.http.HttpRequestHandler;
import chatroom.server.http.HttpServerInitializer;
import chatroom.server.http.StaticFiles;
import chatroom.server.limits.ConnectionCap;
import chatroom.server.limits.ConnectionLimiter;
import chatroom.server.metrics.ByteCounter;
import chatroom.server.metrics.ServerMetrics;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import chatroom.server.pipeline.ChatServerInitializer;
import chatroom.server.pipeline.SessionHandler;
import chatroom.server.room.Broadcaster;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.ChatStore;
import chatroom.server.store.JdbcChatStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running chat server: one listening socket, its event loops, the store and the registries.
 * {@link #start} returns once the socket accepts; {@link #close} says {@code bye server_shutdown}
 * to every session, lets pending commits finish and releases everything.
 */
public final class ChatServer implements AutoCloseable {

    public static final String NAME = "chatroom/" + version();

    private static final Logger log = LoggerFactory.getLogger(ChatServer.class);

    private final ServerConfig config;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ChatStore store;
    private final PasswordHasher hasher;
    private final SessionRegistry sessions;
    private final Channel serverChannel;
    private final Extras extras;

    /** What runs beside the chat port: the bot, files, metrics and the HTTP port (null when off). */
    private record Extras(RoomBot bot, FileStore files, ServerMetrics metrics, ExecutorService scrapes,
                          Channel httpChannel, NodeEvents events, AuditFile audit, Channel ircChannel) {
    }
    private volatile boolean closed;

    private ChatServer(ServerConfig config, EventLoopGroup bossGroup, EventLoopGroup workerGroup, ChatStore store,
                       PasswordHasher hasher, SessionRegistry sessions, Channel serverChannel, Extras extras) {
        this.extras = extras;
        this.config = config;
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.store = store;
        this.hasher = hasher;
        this.sessions = sessions;
        this.serverChannel = serverChannel;
    }

    /** Opens the store, binds the port and returns the running server. */
    public static ChatServer start(ServerConfig config) throws InterruptedException {
        // refused before anything opens: a pool that could hold most of the heap fails in a login storm
        long hashPoolBytes = HashMemoryBudget.check(config.hashThreads(), PasswordHasher.DEFAULT_MEMORY_KIB,
                Runtime.getRuntime().maxMemory());
        PasswordHasher hasher = new PasswordHasher(config.hashThreads(), config.hashQueue());
        hasher.warmUp(); // on other threads while the store opens, so that the first login waits for neither
        CompletableFuture<JsonCodec> warmCodec = StartupWarmUp.codec(config.maxFrame());
        JdbcChatStore store;
        try {
            store = config.store() == null
                    ? JdbcChatStore.openSqlite(config.dataDir(), config.maxCommitBatch(), config.maxStoreMb() * 1024L * 1024L)
                    : JdbcChatStore.openPostgres(config.store().url(), config.store().user(), config.store().password(),
                            config.maxCommitBatch(), config.storeConnectionTimeoutMs());
        } catch (RuntimeException e) {
            hasher.close();
            throw e;
        }
        RoomBot bot = null;
        FileStore files = null;
        AuditFile audit = null;
        Cluster cluster = null;
        NodeEvents events = null;
        ServerMetrics metrics = new ServerMetrics();
        ExecutorService scrapes = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chat-metrics-scrape");
            t.setDaemon(true);
            return t;
        });
        Transport transport = Transport.choose(config.transport());
        EventLoopGroup bossGroup = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        EventLoopGroup workerGroup = new MultiThreadIoEventLoopGroup(config.ioThreads(), transport.ioHandlerFactory());
        try {
            RoomRegistry rooms = RoomRegistry.from(store.load());
            grantConfiguredAdmins(config, store);
            SessionRegistry sessions = new SessionRegistry();
            JsonCodec codec = warmCodec.join();
            // Broadcast bodies live on the heap: each session copies them into its direct batch buffer.
            Broadcaster broadcaster = new Broadcaster(rooms, sessions, codec, new UnpooledByteBufAllocator(false),
                    metrics, store, Duration.ofMillis(config.cluster() == null
                            ? ServerConfig.DEFAULT_CLUSTER_HOLD_MS : config.cluster().holdBackMs()),
                    config.fanOutPacing());
            cluster = config.cluster() == null ? new SingleNode()
                    : RedisCluster.connect(config.cluster().redisUri(), config.cluster().nodeId());
            Cluster nodes = cluster;
            if (config.cluster() != null) {
                broadcaster.setPublisher(message -> nodes.publish(ClusterEvent.MessageStored.of(message)));
            }
            events = new NodeEvents(rooms, sessions, broadcaster, store, cluster, config.presenceMaxMembers());
            cluster.start(events);
            store.setCommitListener(broadcaster);
            store.setCommitTimer(metrics::committed);
            metrics.gauge("chat.connections", "Open connections (TCP and WebSocket)", sessions::connectionCount);
            metrics.gauge("chat.sessions", "Logged-in sessions", sessions::sessionCount);
            metrics.gauge("chat.rooms", "Rooms", () -> rooms.all().size());
            metrics.gauge("chat.password.hash.memory.max.bytes", "Heap the password hashing pool may hold at most",
                    hasher::maxMemoryBytes);
            metrics.gauge("chat.password.hash.memory.bytes", "Heap the running password hashes hold",
                    hasher::memoryBytesInUse);
            log.info("password hashing: {} threads × {} MiB (Argon2id) = at most {} MiB of the {} MiB heap, "
                    + "{} more may wait", hasher.threads(), hasher.bytesPerHash() >> 20, hashPoolBytes >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, config.hashQueue());
            metrics.gauge("chat.cluster.messages.received", "Committed messages the cluster's Redis sent to this node (its own included), in all",
                    nodes::messagesReceived);
            Clock clock = Clock.systemUTC();
            LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(config.loginFailuresBeforeDelay(),
                    config.loginAddressFailuresBeforeDelay(), Duration.ofMillis(config.loginFirstDelayMs()),
                    Duration.ofSeconds(config.loginMaxDelayS()), config.loginFailureWindow(),
                    config.loginChecksPerAddress()), clock::millis);
            RegistrationLimiter registrations = new RegistrationLimiter(config.registrationsPerMinute(), clock::millis);
            bot = config.bot() == null ? null : new RoomBot(config.bot(), store, clock);
            String incoming = config.cluster() == null ? "incoming" : "incoming-" + config.cluster().nodeId();
            // on PostgreSQL, file bytes are in the database too: every node of a cluster serves every file
            files = config.store() == null ? FileStore.open(config.dataDir(), incoming)
                    : FileStore.openInDatabase(config.dataDir(), incoming, config.store().url(), config.store().user(),
                            config.store().password(), cluster.nodeId());
            audit = AuditFile.open(config.auditLog());
            ServerContext context = new ServerContext(config, store, hasher, throttle, registrations, rooms, sessions, broadcaster,
                    clock, bot, files, metrics, events);
            ByteCounter byteCounter = new ByteCounter(metrics);
            MessageDecoder messageDecoder = new MessageDecoder(codec);
            MessageEncoder messageEncoder = new MessageEncoder(codec);
            SessionHandler sessionHandler = new SessionHandler(context, NAME);
            ConnectionLimiter limiter = connectionLimiter(config, cluster);
            ChatServerInitializer initializer = new ChatServerInitializer(config, tlsContext(config), byteCounter,
                    codec, sessionHandler, limiter);
            Class<? extends ServerChannel> channelType = transport.serverSocketChannel();
            int backlog = config.acceptBacklog();
            Channel serverChannel = listen(bootstrap(bossGroup, workerGroup, channelType, backlog)
                    .childHandler(initializer), "chat port", config.host(), config.port());
            Channel httpChannel = null;
            if (config.httpPort() != ServerConfig.NO_HTTP) {
                HealthReport health = new HealthReport(store, cluster, limiter::openConnections);
                HttpRequestHandler requests = new HttpRequestHandler(StaticFiles.load(), health, metrics, scrapes);
                httpChannel = listen(bootstrap(bossGroup, workerGroup, channelType, backlog)
                        .childHandler(new HttpServerInitializer(config, byteCounter, requests, health, messageDecoder,
                                messageEncoder, sessionHandler, limiter)), "HTTP port", config.host(), config.httpPort());
            }
            Channel ircChannel = null;
            if (config.irc() != null) {
                JsonCodec eventCodec = new JsonCodec(CodecLimits.ofMaxFrame(config.maxFrame()),
                        MessageTypes.SERVER_TO_CLIENT);
                ircChannel = listen(bootstrap(bossGroup, workerGroup, channelType, backlog)
                        .childHandler(new IrcServerInitializer(config, config.irc(), tlsContext(config), byteCounter,
                                eventCodec, sessionHandler, limiter, new IrcNetwork(rooms, sessions))),
                        "IRC port", config.host(), config.irc().port());
            }
            if (transport.fallbackReason() != null) {
                log.warn("transport {} instead of {}: {}", transport.name(), config.transport(),
                        transport.fallbackReason());
            }
            log.info("{} started ({}), messages in {}, files in {}", NAME, transport.name(),
                    store.health().detail(), config.dataDir().toAbsolutePath());
            return new ChatServer(config, bossGroup, workerGroup, store, hasher, sessions, serverChannel,
                    new Extras(bot, files, metrics, scrapes, httpChannel, events, audit, ircChannel));
        } catch (RuntimeException | InterruptedException e) {
            bossGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workerGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            hasher.close();
            if (bot != null) {
                bot.close();
            }
            if (files != null) {
                files.close();
            }
            if (audit != null) {
                audit.close();
            }
            scrapes.shutdown();
            metrics.close();
            if (events != null) {
                events.close();
            }
            if (cluster != null) {
                cluster.close();
            }
            store.close();
            throw e;
        }
    }

    /**
     * Binds one listener. Netty rethrows a failed bind's {@link java.net.BindException} unchecked but
     * undeclared, which would slip past the clean-up in {@link #start}: it becomes an
     * {@link IllegalStateException} naming the port, so {@code Main} reports it and exits 1 instead of
     * leaving a half-started server running.
     */
    private static Channel listen(ServerBootstrap bootstrap, String what, String host, int port)
            throws InterruptedException {
        try {
            return bootstrap.bind(host, port).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) { // the undeclared BindException
            throw new IllegalStateException("cannot listen on the " + what + " " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The caps every listener shares, the total one fitted under the open-file limit. Nothing is
     * added to the server channels' own pipelines, so a failing accept (EMFILE) still goes to
     * Netty's ServerBootstrapAcceptor, which stops accepting for a second instead of spinning.
     */
    private static ConnectionLimiter connectionLimiter(ServerConfig config, Cluster cluster) {
        ConnectionCap cap = ConnectionCap.derive(config.maxConnections(), ConnectionCap.openFileLimit(),
                config.fdReserve());
        if (cap.lowered()) {
            log.warn("{}", cap.explanation());
        } else {
            log.info("{}", cap.explanation());
        }
        return new ConnectionLimiter(cap.max(), config.maxConnectionsPerAddress(), config.overCapHealthConnections(),
                cluster.counters());
    }

    /** The socket options every port shares; each adds its own pipeline. */
    private static ServerBootstrap bootstrap(EventLoopGroup bossGroup, EventLoopGroup workerGroup,
                                             Class<? extends ServerChannel> channelType, int acceptBacklog) {
        return new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, acceptBacklog)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024));
    }

    private static SslContext tlsContext(ServerConfig config) {
        if (!config.tls()) {
            return null;
        }
        try {
            return SslContextBuilder.forServer(config.tlsCert().toFile(), config.tlsKey().toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use the TLS certificate " + config.tlsCert() + " and key "
                    + config.tlsKey() + ": " + e.getMessage(), e);
        }
    }

    /** Whether the chat port speaks TLS. */
    public boolean tls() {
        return config.tls();
    }

    /** The network transport the server runs on: "io_uring", "epoll" or "nio" (see {@code --transport}). */
    public String transport() {
        String channelType = serverChannel.getClass().getSimpleName();
        return channelType.startsWith("IoUring") ? "io_uring" : channelType.startsWith("Epoll") ? "epoll" : "nio";
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The HTTP port (the real one when configured with 0), or -1 without one. */
    public int httpPort() {
        return extras.httpChannel() == null ? ServerConfig.NO_HTTP
                : ((InetSocketAddress) extras.httpChannel().localAddress()).getPort();
    }

    /** The accept backlog each open port asked the kernel for: the chat port's, then HTTP's and IRC's if open. */
    List<Integer> acceptBacklogs() {
        return Stream.of(serverChannel, extras.httpChannel(), extras.ircChannel())
                .filter(Objects::nonNull)
                .map(channel -> channel.config().getOption(ChannelOption.SO_BACKLOG))
                .toList();
    }

    /** The IRC port (the real one when configured with 0), or -1 without one. */
    public int ircPort() {
        return extras.ircChannel() == null ? -1 : ((InetSocketAddress) extras.ircChannel().localAddress()).getPort();
    }

    /** The port the server listens on (the real one when configured with port 0). */
    public int port() {
        return address().getPort();
    }

    /** Open connections right now. */
    public int connectionCount() {
        return sessions.connectionCount();
    }

    /** Bytes queued for all connections and not yet handed to their sockets. */
    public long queuedOutboundBytes() {
        long total = 0;
        for (Session session : sessions.all()) {
            total += session.queuedBytes();
        }
        return total;
    }

    /**
     * Stops accepting, says {@code bye server_shutdown} to every connection and waits (up to the
     * configured grace) for them to close, commits what the store has queued, then stops the threads.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("shutting down");
        serverChannel.close().syncUninterruptibly();
        if (extras.httpChannel() != null) {
            extras.httpChannel().close().syncUninterruptibly();
        }
        if (extras.ircChannel() != null) {
            extras.ircChannel().close().syncUninterruptibly();
        }
        for (Session session : sessions.all()) {
            session.close(Bye.SERVER_SHUTDOWN);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.shutdownGraceS());
        for (Session session : sessions.all()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !session.channel().closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                session.abort();
            }
        }
        if (extras.bot() != null) {
            extras.bot().close();
        }
        extras.files().close();
        extras.scrapes().shutdown();
        extras.events().close();
        extras.events().cluster().close();
        store.close();
        hasher.close();
        extras.metrics().close();
        if (extras.audit() != null) {
            extras.audit().close();
        }
        bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        log.info("stopped");
    }

    private static String version() {
        String version = ChatServer.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0" : version;
    }

    /**
     * {@code --admin NAME}: admin rights for the existing account of each name. They then belong to the
     * account (a rename keeps them); a name freed by a rename or deletion can never be another
     * account's, so no stranger inherits them.
     */
    private static void grantConfiguredAdmins(ServerConfig config, ChatStore store) {
        for (String admin : config.admins()) {
            store.setAdmin(admin, true).join();
        }
    }
}

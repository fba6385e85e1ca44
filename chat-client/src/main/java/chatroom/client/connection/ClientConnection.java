package chatroom.client.connection;

import chatroom.common.Transport;
import chatroom.client.ChatException;
import chatroom.client.ChatListener;
import chatroom.client.ClientOptions;
import chatroom.client.ConnectionState;
import chatroom.codec.ChatJson;
import chatroom.codec.CodecLimits;
import chatroom.codec.FrameDecoder;
import chatroom.codec.FrameEncoder;
import chatroom.codec.FramingError;
import chatroom.codec.InvalidMessage;
import chatroom.codec.JsonCodec;
import chatroom.codec.MessageDecoder;
import chatroom.codec.MessageEncoder;
import chatroom.codec.MessageTypes;
import chatroom.codec.message.Bye;
import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import chatroom.codec.message.MessageDeleted;
import chatroom.codec.message.MessageEdited;
import chatroom.codec.message.ReadMarked;
import chatroom.codec.message.History;
import chatroom.codec.message.Join;
import chatroom.codec.message.Leave;
import chatroom.codec.message.Login;
import chatroom.codec.message.Register;
import chatroom.codec.message.Logout;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Ping;
import chatroom.codec.message.Pong;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Request;
import chatroom.codec.message.Results.HistoryResult;
import chatroom.codec.message.Results.JoinResult;
import chatroom.codec.message.Results.LoginResult;
import chatroom.codec.message.Results.RoomSeq;
import chatroom.codec.message.Welcome;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical connection to a chat server that survives losing its socket. All its state lives on
 * one event-loop thread; public methods hop onto it.
 *
 * <p>Requests get ids and futures; replies complete them in order. When the socket goes, sends
 * (which always carry a cid) are kept to be sent again, other requests fail or, while
 * disconnected, wait in a bounded queue. After a reconnect it logs in with the token, rejoins
 * every room with {@code since} = the last seq delivered, fetches missed direct messages with
 * {@code history {with, after}}, and only then sends what waited: the application sees every
 * message once, in order ({@link DeliveryTracker}).
 */
public final class ClientConnection implements ReconnectWatchdog.Target {

    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);
    private static final int HISTORY_PAGE = 200;

    private final ClientOptions options;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final DnsAddressResolverGroup resolver;
    private final Backoff backoff;
    private final List<ChatListener> listeners = new CopyOnWriteArrayList<>();
    private final DeliveryTracker delivery;
    private final RequestMatcher inFlight;
    private final ArrayDeque<PendingRequest> waiting = new ArrayDeque<>();
    private final List<PendingRequest> toResend = new ArrayList<>();
    private final Set<String> rooms = new LinkedHashSet<>();

    private Channel channel;
    private boolean ready;
    private boolean closed;
    private boolean everConnected;
    /** The server closed a connection nobody logged in on: reconnect only when there is a request. */
    private boolean idle;
    private int attempts;
    private long nextId;
    private volatile String token;
    private volatile String user;
    private volatile Welcome welcome;
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private CompletableFuture<Welcome> firstWelcome;

    public ClientConnection(ClientOptions options) {
        this.options = options;
        Transport transport = Transport.choose(true);
        this.group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        this.loop = group.next();
        this.backoff = new Backoff(options.reconnect(), () -> ThreadLocalRandom.current().nextDouble());
        this.delivery = new DeliveryTracker(this::deliver);
        this.inFlight = new RequestMatcher(loop, options.requestTimeout());
        JsonCodec codec = new JsonCodec(CodecLimits.ofMaxFrame(options.maxFrame()), MessageTypes.SERVER_TO_CLIENT);
        MessageDecoder decoder = new MessageDecoder(codec);
        MessageEncoder encoder = new MessageEncoder(codec);
        ReconnectWatchdog watchdog = new ReconnectWatchdog(this);
        SslContext tls = tlsContext(options);
        // the default resolver calls InetAddress.getByName on the event loop at every reconnect;
        // this one asks the DNS servers of /etc/resolv.conf (and reads /etc/hosts) without blocking
        this.resolver = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(transport.datagramChannel())
                .socketChannelType(transport.socketChannel()));
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .resolver(resolver)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .remoteAddress(options.host(), options.port())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(ClientHandlerNames.TLS,
                                    tls.newHandler(ch.alloc(), options.host(), options.port()));
                        }
                        ch.pipeline()
                                .addLast(ClientHandlerNames.FRAME_DECODER, new FrameDecoder(options.maxFrame()))
                                .addLast(ClientHandlerNames.FRAME_ENCODER, FrameEncoder.INSTANCE)
                                .addLast(ClientHandlerNames.MESSAGE_DECODER, decoder)
                                .addLast(ClientHandlerNames.MESSAGE_ENCODER, encoder)
                                .addLast(ClientHandlerNames.WATCHDOG, watchdog)
                                .addLast(ClientHandlerNames.INBOUND, new Inbound());
                    }
                });
    }

    /** The TLS context, verifying the server's certificate and host name; null without TLS. */
    private static SslContext tlsContext(ClientOptions options) {
        if (!options.tls()) {
            return null;
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
            if (options.tlsTrust() != null) {
                builder.trustManager(options.tlsTrust().toFile());
            }
            return builder.build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use the TLS trust file " + options.tlsTrust() + ": "
                    + e.getMessage(), e);
        }
    }

    public void addListener(ChatListener listener) {
        listeners.add(listener);
    }

    public ConnectionState state() {
        return state;
    }

    /** The logged-in user, or null. */
    public String user() {
        return user;
    }

    /** The token of the current login, or null. */
    public String token() {
        return token;
    }

    public Welcome welcome() {
        return welcome;
    }

    /** Rooms this client has joined (its resume list). */
    public Set<String> rooms() {
        return onLoop(() -> Set.copyOf(rooms));
    }

    /** The last seq delivered to listeners per conversation ({@code r:room}, {@code d:user}). */
    public Map<String, Long> positions() {
        return onLoop(delivery::positions);
    }

    private <T> T onLoop(java.util.function.Supplier<T> supplier) {
        if (loop.inEventLoop()) {
            return supplier.get();
        }
        return loop.submit(supplier::get).syncUninterruptibly().getNow();
    }

    /** Opens the first connection; the future completes with the server's welcome. */
    public CompletableFuture<Welcome> connect() {
        CompletableFuture<Welcome> result = new CompletableFuture<>();
        loop.execute(() -> {
            closed = false; // a failed first attempt may be retried
            firstWelcome = result;
            setState(ConnectionState.CONNECTING, options.host() + ":" + options.port());
            bootstrap.connect().addListener((ChannelFuture f) -> {
                if (!f.isSuccess()) {
                    closed = true;
                    setState(ConnectionState.CLOSED, "cannot connect: " + f.cause().getMessage());
                    result.completeExceptionally(new ChatException(ChatException.DISCONNECTED,
                            "cannot connect to " + options.host() + ":" + options.port() + ": " + f.cause().getMessage()));
                } else {
                    channel = f.channel();
                    expectWelcome(channel);
                }
            });
        });
        return result;
    }

    /**
     * A socket can open without a chat server behind it (a proxy whose backend is still starting):
     * without {@code welcome} within the connect timeout, the connection is dropped.
     */
    private void expectWelcome(Channel opened) {
        loop.schedule(() -> {
            if (opened.isActive() && opened == channel && (welcome == null || !ready) && !everConnected) {
                log.debug("no welcome within the connect timeout; closing");
                opened.close();
            }
        }, options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Sends a request built for a fresh id; the future completes with the {@link Ok} (or
     * {@link Pong}) reply, or fails with {@link ChatException}.
     */
    public CompletableFuture<Object> request(Function<Long, Request> build) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        loop.execute(() -> {
            if (closed) {
                reply.completeExceptionally(new ChatException(ChatException.CLOSED, "the client is closed"));
                return;
            }
            PendingRequest pending = new PendingRequest(build.apply(++nextId), reply);
            inFlight.startClock(pending, () -> forget(pending));
            if (idle && channel == null) {
                idle = false;
                setState(ConnectionState.CONNECTING, options.host() + ":" + options.port());
                reconnect();
            }
            if (ready) {
                write(pending);
            } else if (options.queueWhileDisconnected() && waiting.size() < options.maxQueuedRequests()) {
                waiting.add(pending);
            } else {
                fail(pending, ChatException.DISCONNECTED, "not connected");
            }
        });
        return reply;
    }

    private void write(PendingRequest pending) {
        inFlight.sent(pending);
        channel.writeAndFlush(pending.request);
    }

    private void forget(PendingRequest pending) {
        if (!inFlight.forget(pending)) {
            waiting.remove(pending);
            toResend.remove(pending);
        }
    }

    private static void fail(PendingRequest pending, String code, String message) {
        if (pending.timeout != null) {
            pending.timeout.cancel(false);
        }
        pending.reply.completeExceptionally(new ChatException(code, message));
    }

    // ---- what arrives ----

    private final class Inbound extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Welcome w) {
                welcomed(ctx, w);
            } else if (msg instanceof Reply reply) {
                replied(reply);
            } else if (msg instanceof ChatMessage message) {
                delivery.offer(message);
            } else if (msg instanceof Ping ping) {
                ctx.writeAndFlush(new Pong(ping.id(), ping.t()));
            } else if (msg instanceof Bye bye) {
                if (Bye.BANNED.equals(bye.reason()) || Bye.LOGOUT.equals(bye.reason())) {
                    closed = true; // nothing to come back to
                } else if (Bye.LOGIN_TIMEOUT.equals(bye.reason()) && token == null) {
                    idle = true; // nothing to resume: come back when the application asks for something
                }
                notifyEvent(bye);
            } else if (msg instanceof Event event) {
                notifyEvent(event);
            } else if (msg instanceof FramingError || msg instanceof InvalidMessage) {
                log.warn("unreadable frame from the server: {}", msg);
                if (msg instanceof FramingError) {
                    ctx.close();
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disconnected();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("connection error: {}", cause.toString());
            ctx.close();
        }
    }

    private void welcomed(ChannelHandlerContext ctx, Welcome w) {
        welcome = w;
        HeartbeatHandler.install(ctx.pipeline(), ClientHandlerNames.WATCHDOG, w.heartbeatS());
        attempts = 0;
        if (!everConnected) {
            everConnected = true;
            ready = true;
            setState(ConnectionState.CONNECTED, w.server());
            if (firstWelcome != null) {
                firstWelcome.complete(w);
            }
            flushWaiting();
        } else {
            resume();
        }
    }

    private void replied(Reply reply) {
        inFlight.answered(reply, this::remember); // unmatched: a heartbeat's pong, or a reply that timed out
    }

    /** Keeps what a resume needs from successful replies. */
    private void remember(Request request, Ok ok) {
        if (request instanceof Login || request instanceof Register register && register.logsIn()) {
            LoginResult result = ChatJson.convert(ok.result(), LoginResult.class);
            token = result.token();
            user = result.user();
            for (RoomSeq room : result.rooms()) {
                delivery.startAt(DeliveryTracker.roomKey(room.room()), room.seq());
            }
        } else if (request instanceof Join) {
            JoinResult result = ChatJson.convert(ok.result(), JoinResult.class);
            rooms.add(result.room());
            delivery.startAt(DeliveryTracker.roomKey(result.room()), result.seq());
        } else if (request instanceof Leave leave) {
            rooms.removeIf(room -> room.equalsIgnoreCase(leave.room()));
        } else if (request instanceof Logout) {
            closed = true;
            token = null;
        }
    }

    private void deliver(ChatMessage message) {
        notifyListeners(listener -> listener.onMessage(message), "a message");
    }

    private void notifyEvent(Event event) {
        if (event instanceof ReadMarked read) {
            notifyListeners(listener -> listener.onRead(read), "a read marker");
        } else if (event instanceof MessageEdited edited) {
            notifyListeners(listener -> listener.onEdited(edited), "an edit");
        } else if (event instanceof MessageDeleted deleted) {
            notifyListeners(listener -> listener.onDeleted(deleted), "a delete");
        } else {
            notifyListeners(listener -> listener.onEvent(event), "an event");
        }
    }

    private void setState(ConnectionState newState, String detail) {
        state = newState;
        notifyListeners(listener -> listener.onStateChange(newState, detail), "a state change");
    }

    /** Calls every listener; one that throws is logged and does not stop the others. */
    private void notifyListeners(java.util.function.Consumer<ChatListener> call, String what) {
        for (ChatListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.warn("a listener failed on {}", what, e);
            }
        }
    }

    // ---- losing and finding the server ----

    private void disconnected() {
        channel = null;
        ready = false;
        if (firstWelcome != null && !firstWelcome.isDone()) {
            closed = true;
            firstWelcome.completeExceptionally(new ChatException(ChatException.DISCONNECTED,
                    "the connection closed before the server said welcome"));
        }
        for (PendingRequest pending : inFlight.takeAll()) {
            if (pending.resendable() && armed()) {
                toResend.add(pending);
            } else {
                fail(pending, ChatException.DISCONNECTED, "the connection was lost before the reply");
            }
        }
        if (idle && !closed) {
            setState(ConnectionState.IDLE, "closed by the server while not logged in; the next request reconnects");
            return;
        }
        if (!armed() && state != ConnectionState.CLOSED) {
            closed = true;
            failAll(ChatException.CLOSED, "the connection is closed");
            setState(ConnectionState.CLOSED, "disconnected");
        }
    }

    @Override
    public boolean armed() {
        return !closed && !idle && everConnected && options.reconnect().enabled();
    }

    @Override
    public void reconnectLater() {
        Duration delay = backoff.delay(++attempts);
        setState(ConnectionState.RECONNECTING, "reconnecting in " + formatSeconds(delay));
        loop.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String formatSeconds(Duration delay) {
        return String.format(Locale.ROOT, "%.1f s", delay.toMillis() / 1000.0);
    }

    private void reconnect() {
        if (closed) {
            return;
        }
        bootstrap.connect().addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                channel = f.channel();
            } else if (!closed) {
                reconnectLater();
            }
        });
    }

    /**
     * Logs in again with the token and catches up, then lets waiting requests go. The trailing
     * ping's pong arrives after every replayed message, so it marks the end of the catch-up.
     */
    private void resume() {
        if (token == null) {
            finishResume(0, "reconnected (not logged in)");
            return;
        }
        List<String> conversations = new ArrayList<>();
        List<CompletableFuture<?>> steps = new ArrayList<>();
        steps.add(internal(id -> new Login(id, null, null, token)).exceptionally(error -> {
            token = null;
            user = null;
            return null;
        }));
        for (String room : rooms) {
            String key = DeliveryTracker.roomKey(room);
            delivery.beginResume(key);
            conversations.add(key);
            steps.add(internal(id -> new Join(id, room, delivery.last(key), null)));
        }
        delivery.positions().forEach((key, last) -> {
            if (key.startsWith("d:")) {
                delivery.beginResume(key);
                conversations.add(key);
                steps.add(fetchDirect(key.substring(2), last));
            }
        });
        CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new))
                .handle((done, error) -> internal(id -> new Ping(id, null)))
                .thenCompose(ping -> ping)
                .whenComplete((pong, error) -> loop.execute(() -> {
                    if (error != null || channel == null) {
                        conversations.forEach(delivery::endResume);
                        return; // lost again meanwhile: the next reconnect resumes
                    }
                    int missed = 0;
                    for (String key : conversations) {
                        missed += delivery.endResume(key);
                    }
                    finishResume(missed, token == null ? "reconnected; the login expired, log in again"
                            : "resumed; " + missed + " missed message" + (missed == 1 ? "" : "s") + " fetched");
                }));
    }

    private CompletableFuture<Object> fetchDirect(String with, long after) {
        return internal(id -> new History(id, null, with, null, after, HISTORY_PAGE)).thenCompose(reply -> {
            HistoryResult page = ChatJson.convert(((Ok) reply).result(), HistoryResult.class);
            long last = after;
            for (ChatMessage message : page.messages()) {
                delivery.offer(message);
                last = message.seq();
            }
            return page.messages().size() == HISTORY_PAGE ? fetchDirect(with, last)
                    : CompletableFuture.completedFuture(reply);
        });
    }

    private void finishResume(int missed, String detail) {
        ready = true;
        List<PendingRequest> again = new ArrayList<>(toResend);
        toResend.clear();
        for (PendingRequest pending : again) {
            write(pending);
        }
        setState(ConnectionState.RESUMED, detail);
        flushWaiting();
    }

    private void flushWaiting() {
        while (ready && !waiting.isEmpty()) {
            write(waiting.poll());
        }
    }

    /** A request of the client itself (resume), sent even while user requests wait. */
    private CompletableFuture<Object> internal(Function<Long, Request> build) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        if (channel == null) {
            reply.completeExceptionally(new ChatException(ChatException.DISCONNECTED, "not connected"));
            return reply;
        }
        PendingRequest pending = new PendingRequest(build.apply(++nextId), reply);
        inFlight.startClock(pending, () -> forget(pending));
        write(pending);
        return reply;
    }

    // ---- closing ----

    private void failAll(String code, String message) {
        List<PendingRequest> all = new ArrayList<>(inFlight.takeAll());
        all.addAll(waiting);
        all.addAll(toResend);
        waiting.clear();
        toResend.clear();
        all.forEach(pending -> fail(pending, code, message));
    }

    /**
     * Closes the connection for good and stops the client's thread. From any other thread it
     * returns once that thread has stopped; from the client's own thread (a listener) it closes at
     * once and lets the thread stop when the listener returns, since a thread cannot wait for its
     * own end.
     */
    public void close() {
        if (loop.inEventLoop()) {
            closeOnLoop();
            resolver.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            return;
        }
        if (!loop.isShuttingDown()) {
            loop.submit(this::closeOnLoop).syncUninterruptibly();
        }
        resolver.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void closeOnLoop() {
        closed = true;
        if (channel != null) {
            channel.close();
        }
        failAll(ChatException.CLOSED, "the client is closed");
        if (state != ConnectionState.CLOSED) {
            setState(ConnectionState.CLOSED, "closed");
        }
    }

    /** Whether the caller runs on the client's own thread, where listeners run and nothing may wait for a reply. */
    public boolean inEventLoop() {
        return loop.inEventLoop();
    }

    /** Drops the socket without closing the client (tests, and network changes): a reconnect follows. */
    public void dropConnection() {
        loop.execute(() -> {
            if (channel != null) {
                channel.close();
            }
        });
    }
}

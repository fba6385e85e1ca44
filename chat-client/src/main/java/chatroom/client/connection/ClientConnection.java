package chatroom.client.connection;

import chatroom.client.ChatException;
import chatroom.client.ChatListener;
import chatroom.client.ClientOptions;
import chatroom.client.ConnectionState;
import chatroom.codec.message.Bye;
import chatroom.codec.message.Logout;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Pong;
import chatroom.codec.message.Request;
import chatroom.codec.message.Welcome;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical connection to a chat server that survives losing its socket: the state machine
 * ({@link ConnectionState}) that wires the parts together. All its state lives on one event-loop
 * thread; public methods hop onto it.
 *
 * <ul>
 *   <li>{@link ClientBootstrap} opens sockets; {@link ClientChannelInitializer} builds their
 *       pipeline, ending in a {@link ClientInboundHandler} that reports back here.</li>
 *   <li>{@link RequestQueue} gives requests ids, matches replies, and holds requests while the
 *       socket is gone or the session resumes.</li>
 *   <li>{@link ReconnectWatchdog} asks for a reconnect; here it is delayed by {@link Backoff}.</li>
 *   <li>{@link SessionResumer} logs in again with the token and catches up after a reconnect;
 *       {@link DeliveryTracker} makes the application see every message once, in order.</li>
 *   <li>{@link ListenerNotifier} is the one place that calls the application's listeners.</li>
 * </ul>
 */
public final class ClientConnection implements ReconnectWatchdog.Target {

    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

    private final ClientOptions options;
    private final ClientBootstrap transport;
    private final EventLoop loop;
    private final Backoff backoff;
    private final ListenerNotifier listeners = new ListenerNotifier();
    private final DeliveryTracker delivery = new DeliveryTracker(listeners::message);
    private final SessionResumer session = new SessionResumer(delivery);
    private final RequestQueue requests;
    /** What the sockets report, kept off this class's public face. */
    private final ClientInboundHandler.Lifecycle socketEvents = new ClientInboundHandler.Lifecycle() {
        @Override
        public void welcomed(ChannelHandlerContext ctx, Welcome welcome) {
            ClientConnection.this.welcomed(ctx, welcome);
        }

        @Override
        public void saidBye(Bye bye) {
            ClientConnection.this.saidBye(bye);
        }

        @Override
        public void disconnected() {
            ClientConnection.this.disconnected();
        }
    };

    private Channel channel;
    private boolean closed;
    private boolean everConnected;
    /** The server closed a connection nobody logged in on: reconnect only when there is a request. */
    private boolean idle;
    private int attempts;
    private volatile Welcome welcome;
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private CompletableFuture<Welcome> firstWelcome;

    public ClientConnection(ClientOptions options) {
        this.options = options;
        this.backoff = new Backoff(options.reconnect(), () -> ThreadLocalRandom.current().nextDouble());
        this.transport = new ClientBootstrap(options,
                new ClientChannelInitializer(options, new ReconnectWatchdog(this), this::newInboundHandler));
        this.loop = transport.loop();
        this.requests = new RequestQueue(loop, options);
    }

    private ClientInboundHandler newInboundHandler() {
        return new ClientInboundHandler(requests, this::remember, delivery, listeners, socketEvents);
    }

    public void addListener(ChatListener listener) {
        listeners.add(listener);
    }

    public ConnectionState state() {
        return state;
    }

    /** The logged-in user, or null. */
    public String user() {
        return session.user();
    }

    /** The token of the current login, or null. */
    public String token() {
        return session.token();
    }

    public Welcome welcome() {
        return welcome;
    }

    /** Rooms this client has joined (its resume list). */
    public Set<String> rooms() {
        return onLoop(session::rooms);
    }

    /** The last seq delivered to listeners per conversation ({@code r:room}, {@code d:user}). */
    public Map<String, Long> positions() {
        return onLoop(delivery::positions);
    }

    private <T> T onLoop(Supplier<T> supplier) {
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
            transport.connect().addListener((ChannelFuture f) -> {
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
            if (opened.isActive() && opened == channel && (welcome == null || !requests.isOpen()) && !everConnected) {
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
            if (idle && channel == null) {
                idle = false;
                setState(ConnectionState.CONNECTING, options.host() + ":" + options.port());
                reconnect();
            }
            requests.submit(build, reply);
        });
        return reply;
    }

    /** Successful replies: what a resume needs, and whether the client may still reconnect. */
    private void remember(Request request, Ok ok) {
        if (request instanceof Logout) {
            closed = true;
        }
        session.remember(request, ok);
    }

    // ---- what the socket reports ----

    private void welcomed(ChannelHandlerContext ctx, Welcome w) {
        welcome = w;
        HeartbeatHandler.install(ctx.pipeline(), ClientHandlerNames.WATCHDOG, w.heartbeatS());
        attempts = 0;
        if (!everConnected) {
            everConnected = true;
            requests.open(channel);
            setState(ConnectionState.CONNECTED, w.server());
            if (firstWelcome != null) {
                firstWelcome.complete(w);
            }
            requests.flushWaiting();
        } else {
            session.resume(this::internal, loop, () -> channel != null, this::resumed);
        }
    }

    private void saidBye(Bye bye) {
        if (Bye.BANNED.equals(bye.reason()) || Bye.LOGOUT.equals(bye.reason())) {
            closed = true; // nothing to come back to
        } else if (Bye.LOGIN_TIMEOUT.equals(bye.reason()) && session.token() == null) {
            idle = true; // nothing to resume: come back when the application asks for something
        }
    }

    private void disconnected() {
        channel = null;
        if (firstWelcome != null && !firstWelcome.isDone()) {
            closed = true;
            firstWelcome.completeExceptionally(new ChatException(ChatException.DISCONNECTED,
                    "the connection closed before the server said welcome"));
        }
        requests.connectionLost(armed());
        if (idle && !closed) {
            setState(ConnectionState.IDLE, "closed by the server while not logged in; the next request reconnects");
            return;
        }
        if (!armed() && state != ConnectionState.CLOSED) {
            closed = true;
            requests.failAll(ChatException.CLOSED, "the connection is closed");
            setState(ConnectionState.CLOSED, "disconnected");
        }
    }

    private void setState(ConnectionState newState, String detail) {
        state = newState;
        listeners.stateChanged(newState, detail);
    }

    // ---- finding the server again ----

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
        transport.connect().addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                channel = f.channel();
            } else if (!closed) {
                reconnectLater();
            }
        });
    }

    /** A request of the resume: on the new socket, ahead of the application's waiting ones. */
    private CompletableFuture<Object> internal(Function<Long, Request> build) {
        return requests.submitNow(channel, build);
    }

    /** The catch-up is done: sends cut off go again, then what waited. */
    private void resumed(String detail) {
        requests.open(channel);
        setState(ConnectionState.RESUMED, detail);
        requests.flushWaiting();
    }

    // ---- closing ----

    /**
     * Closes the connection for good and stops the client's thread. From any other thread it
     * returns once that thread has stopped; from the client's own thread (a listener) it closes at
     * once and lets the thread stop when the listener returns, since a thread cannot wait for its
     * own end.
     */
    public void close() {
        if (loop.inEventLoop()) {
            closeOnLoop();
            transport.shutdown(false);
            return;
        }
        if (!loop.isShuttingDown()) {
            loop.submit(this::closeOnLoop).syncUninterruptibly();
        }
        transport.shutdown(true);
    }

    private void closeOnLoop() {
        closed = true;
        if (channel != null) {
            channel.close();
        }
        requests.failAll(ChatException.CLOSED, "the client is closed");
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

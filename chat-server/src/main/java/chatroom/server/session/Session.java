package chatroom.server.session;

import chatroom.codec.message.Bye;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything the server knows about one connection, stored on the channel under {@link #KEY}: who
 * it belongs to, and its output. The output has four parts, each with one job:
 * <ul>
 *   <li>{@link OutboundQueue}: one queue for replies, events and a closing {@code bye}, so they
 *       leave in the order they were queued; any thread may queue, the event loop drains it while
 *       the channel is writable, one flush per drain, and a peer that stops reading is dropped at
 *       {@code maxOutboundBytes};</li>
 *   <li>{@link FrameBatcher}: encoded bodies copied behind their length into one batch per drain;</li>
 *   <li>{@link ResumeGate}: live messages held back while a resume replays older ones;</li>
 *   <li>{@link SessionDisconnector}: the one place the connection is closed on purpose.</li>
 * </ul>
 * The requests of a connection are queued and run by {@code SessionHandler}'s {@code RequestQueue}.
 *
 * <p>Threading: who the session belongs to ({@link Identity}) is one immutable value swapped
 * atomically, so any thread may read it and {@code NodeEvents}' owner may change it; the resume
 * gate and the login flag are confined to the event loop.
 */
public final class Session {

    public static final AttributeKey<Session> KEY = AttributeKey.valueOf(Session.class, "session");

    private final Channel channel;
    private final AtomicReference<Identity> identity = new AtomicReference<>(Identity.ANONYMOUS);
    private final ResumeGate resumeGate = new ResumeGate();
    private final SessionDisconnector disconnector;
    private final OutboundQueue outbound;
    private boolean loginRequested;

    /** A session whose encoded bodies are written one by one through the whole pipeline. */
    public Session(Channel channel, long maxOutboundBytes) {
        this(channel, null, maxOutboundBytes);
    }

    /**
     * @param framedWriter the context of the length-prefix encoder: batches of already framed
     *     bodies are written from there, past the encoders; null when the transport frames itself
     */
    public Session(Channel channel, ChannelHandlerContext framedWriter, long maxOutboundBytes) {
        this.channel = channel;
        this.disconnector = new SessionDisconnector(channel, this::logPrefix, this::queue);
        this.outbound = new OutboundQueue(channel, framedWriter, translatesEvents(channel), maxOutboundBytes,
                resumeGate, disconnector);
    }

    /** Whether the pipeline (complete when the session is made) holds a handler that translates events itself. */
    private static boolean translatesEvents(Channel channel) {
        for (var handler : channel.pipeline()) {
            if (handler.getValue() instanceof TranslatesEvents) {
                return true;
            }
        }
        return false;
    }

    private void queue(Outbound item) {
        outbound.offer(item);
    }

    /** Runs when this session is disconnected for not reading (the server counts these). */
    public void onSlowConsumer(Runnable onSlowConsumer) {
        disconnector.onSlowConsumer(onSlowConsumer);
    }

    /** The session of a channel, or null before the dispatcher attached one. */
    public static Session of(Channel channel) {
        return channel.attr(KEY).get();
    }

    public Channel channel() {
        return channel;
    }

    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** Whether the connection is still open: a broadcast skips a session that is closing. */
    public boolean isOpen() {
        return channel.isActive();
    }

    /** The peer's IP address, or null when the channel has none (tests). */
    public InetAddress remoteAddress() {
        return channel.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    /** The logged-in user's display name, or null before login. */
    public String user() {
        return identity.get().user();
    }

    /** The logged-in user's name key, or null before login. */
    public String userKey() {
        return identity.get().userKey();
    }

    public boolean isAuthenticated() {
        return identity.get().user() != null;
    }

    /** The logged-in account's immutable id ({@code UserRecord.id}), 0 before login. */
    public long accountId() {
        return identity.get().accountId();
    }

    public boolean isAdmin() {
        return identity.get().admin();
    }

    /** Who this session belongs to, as one consistent value (name and key never from two renames). */
    public Identity identity() {
        return identity.get();
    }

    /** Admin rights granted or revoked while the session is open: they count from the next request on. */
    public void admin(boolean admin) {
        identity.updateAndGet(current -> current.withAdmin(admin));
    }

    public void authenticated(String user, String userKey, long accountId, boolean admin, String tokenHash) {
        identity.set(new Identity(user, userKey, accountId, admin, tokenHash));
    }

    /** The account was renamed: the session keeps its account, rights and token under the new name. */
    public void renamed(String user, String userKey) {
        identity.updateAndGet(current -> current.renamed(user, userKey));
    }

    /** The hash of the token this session logged in with (revoked by {@code logout}). */
    public String tokenHash() {
        return identity.get().tokenHash();
    }

    /** A short prefix for log lines: remote address and user. */
    public String logPrefix() {
        String user = user();
        return "[" + channel.remoteAddress() + (user == null ? "" : " " + user) + "]";
    }

    /** Whether the client has sent {@code login} or {@code register}: the login timeout no longer runs. */
    public boolean loginRequested() {
        return loginRequested;
    }

    /** Records that the client sent {@code login} or {@code register}. Event loop only. */
    public void loginRequested(boolean requested) {
        this.loginRequested = requested;
    }

    // ---- output ----

    /**
     * Queues a reply or an event (a typed message, an encoded body or a broadcast's {@link SharedEvent})
     * to be written in order.
     */
    public void send(Object message) {
        outbound.offer(Outbound.plain(message));
    }

    /**
     * Like {@link #send} but without draining: returns true when the caller must later call
     * {@link #drain} on this session's event loop (a broadcast drains each loop's sessions once).
     */
    public boolean sendDeferred(Object message) {
        return outbound.enqueue(Outbound.plain(message));
    }

    /** Queues several replies or events, in order, and drains once: one flush for all of them. */
    public void sendAll(List<?> messages) {
        outbound.offerAll(messages);
    }

    /**
     * Queues a live {@code message} event of a conversation. {@code body} is the event encoded once
     * for all recipients; the session owns one reference to it and never changes its indexes.
     */
    public void sendLive(String conversation, long seq, ByteBuf body) {
        outbound.offer(Outbound.live(conversation, seq, body));
    }

    /**
     * Like {@link #sendLive} but without waking the event loop: a commit's fan-out. Returns true when
     * the caller must later call {@link #drainFanOut} on this session's event loop (the fan-out of a
     * commit does so once per event loop, for all its sessions, and may wait a little for the next
     * commits' to go with it). Anything else queued meanwhile drains the queue at once, this included.
     */
    public boolean sendLiveDeferred(String conversation, long seq, ByteBuf body) {
        return outbound.enqueueFanOut(Outbound.live(conversation, seq, body));
    }

    /** {@link #sendLiveDeferred(String, long, ByteBuf)} of a broadcast's shared event (body and record). */
    public boolean sendLiveDeferred(String conversation, long seq, SharedEvent event) {
        return outbound.enqueueFanOut(Outbound.live(conversation, seq, event));
    }

    /**
     * {@link #sendLiveDeferred(String, long, ByteBuf)} of a commit's messages of one conversation at once;
     * the session owns one reference to the run.
     */
    public boolean sendLiveDeferred(LiveRun run) {
        return outbound.enqueueFanOut(Outbound.live(run));
    }

    /** Queues a replayed {@code message}; already-sent seqs of this session are skipped. */
    public void sendReplay(String conversation, long seq, Object message) {
        outbound.offer(Outbound.replay(conversation, seq, message));
    }

    // ---- resume: holding live messages while older ones are replayed (ResumeGate) ----

    /**
     * Holds live messages of a conversation back until {@link #releaseHold}, while a resume replays
     * older messages first. Event loop only.
     */
    public void hold(String conversation) {
        resumeGate.hold(conversation);
    }

    /**
     * As {@link #hold}, from any thread: the live messages of the conversation queued after this
     * call are held until {@link #releaseHold}, so a replay started later still comes first.
     */
    public void holdFromNow(String conversation) {
        outbound.offer(Outbound.hold(conversation));
    }

    /**
     * Right after login, holds the live messages of the user's rooms: a resuming client's
     * {@code join {since}} then replays the older ones first, so each room's messages arrive in seq
     * order. A hold not taken over by such a join ends with {@link #releaseLoginHolds}. Event loop only.
     */
    public void holdAfterLogin(Iterable<String> conversations) {
        resumeGate.holdAfterLogin(conversations);
    }

    /** Whether holds taken at login may still be waiting for a join. */
    public boolean hasLoginHolds() {
        return resumeGate.hasLoginHolds();
    }

    /** Ends the login holds that no {@code join {since}} took over. Event loop only. */
    public void releaseLoginHolds() {
        for (String conversation : resumeGate.endLoginHolds()) {
            outbound.offer(Outbound.releaseLoginHold(conversation));
        }
    }

    /** Ends a login hold of one conversation, unless a replay runs in it. Event loop only. */
    public void releaseLoginHold(String conversation) {
        if (resumeGate.heldForLogin(conversation)) {
            outbound.offer(Outbound.releaseLoginHold(conversation));
        }
    }

    /** Queues the end of a replay; held live messages follow it, duplicates dropped. */
    public void releaseHold(String conversation) {
        outbound.offer(Outbound.release(conversation));
    }

    // ---- closing (SessionDisconnector) ----

    /** Queues {@code bye {reason}}; the connection closes once it is written (or after a short grace). */
    public void close(String reason) {
        closeWith(new Bye(reason));
    }

    /**
     * Queues a last message ({@code bye}, or the {@code error} of a broken frame stream); the
     * connection closes once it is written, or after a short grace when the peer does not read.
     */
    public void closeWith(Object lastMessage) {
        disconnector.closeWith(lastMessage);
    }

    /** Closes at once, without {@code bye}: the peer cannot be written to any more. */
    public void abort() {
        disconnector.abort();
    }

    public boolean isClosing() {
        return disconnector.isClosing();
    }

    // ---- the outbound queue ----

    /** Bytes queued and not yet handed to the socket. */
    public long queuedBytes() {
        return outbound.queuedBytes();
    }

    /** Writes queued items while the channel is writable; called again when it becomes writable. */
    public void drain() {
        outbound.drain();
    }

    /** The drain a {@link #sendLiveDeferred} promised; event loop only. */
    public void drainFanOut() {
        outbound.drainFanOut();
    }

    /**
     * Runs {@code task} once everything queued so far is written and the socket takes more: how a
     * bulk sender (a download) waits for room without holding memory. Event loop only; dropped when
     * the connection closes.
     */
    public void whenDrained(Runnable task) {
        outbound.whenDrained(task);
    }

    /** Releases everything still queued; called when the channel is gone. */
    public void discardAll() {
        outbound.discardAll();
    }
}

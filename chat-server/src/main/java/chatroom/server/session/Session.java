package chatroom.server.session;

import chatroom.codec.message.Bye;
import chatroom.codec.message.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the server knows about one connection, stored on the channel under {@link #KEY}.
 *
 * <p>All output goes through one queue, so replies, events and a closing {@code bye} leave in the
 * order they were queued. Any thread may queue (the store's writer thread fans out messages); the
 * queue is drained on the channel's event loop while the channel is writable, with one flush per
 * drain. A peer that stops reading lets the queue grow until {@code maxOutboundBytes}; then it is
 * disconnected rather than growing the server's memory.
 *
 * <p>Encoded bodies ({@link ByteBuf} payloads, shared by every recipient of a broadcast and never
 * modified) are copied, each behind its 4-byte length, into one batch buffer per drain and written
 * from the frame encoder's place in the pipeline: one outbound entry and one copy per batch
 * instead of a header, a duplicate and a trip through every outbound handler per message. A
 * transport that frames messages itself (no {@code framedWriter}) gets each body on its own.
 *
 * <p>Threading: who the session belongs to ({@link Identity}) is one immutable value swapped
 * atomically, so any thread may read it and {@code NodeEvents}' owner may change it; every other
 * field without {@code volatile} or atomics is confined to the event loop.
 */
public final class Session {

    public static final AttributeKey<Session> KEY = AttributeKey.valueOf(Session.class, "session");

    private static final Logger log = LoggerFactory.getLogger(Session.class);
    /** How long a closing {@code bye} may wait for a peer that does not read before the socket closes anyway. */
    private static final long CLOSE_GRACE_MS = 2000;
    /** A batch is written once it holds this many bytes, so one drain never builds a huge buffer. */
    private static final int BATCH_BYTES = 16 * 1024;

    private final Channel channel;
    private final ChannelHandlerContext framedWriter;
    private final long maxOutboundBytes;
    private final Runnable drainTask = this::drain;
    private final Queue<Outbound> outbound = new ConcurrentLinkedQueue<>();
    private final AtomicLong outboundBytes = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Map<String, ConversationCursor> cursors = new HashMap<>();
    private final Queue<Object> pendingRequests = new ArrayDeque<>();
    private final Queue<CompletableFuture<Reply>> sendsInFlight = new ArrayDeque<>();
    private List<Runnable> whenDrained;
    private Runnable onSlowConsumer = () -> { };

    private final AtomicReference<Identity> identity = new AtomicReference<>(Identity.ANONYMOUS);
    private boolean busy;
    private boolean loginRequested;
    private boolean loginHolds;
    private ByteBuf batch;

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
        this.framedWriter = framedWriter;
        this.maxOutboundBytes = maxOutboundBytes;
    }

    /** Runs when this session is disconnected for not reading (the server counts these). */
    public void onSlowConsumer(Runnable onSlowConsumer) {
        this.onSlowConsumer = onSlowConsumer;
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

    /** The peer's IP address, or null when the channel has none (tests). */
    public java.net.InetAddress remoteAddress() {
        return channel.remoteAddress() instanceof java.net.InetSocketAddress inet ? inet.getAddress() : null;
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

    // ---- requests, one at a time, in arrival order (run by the SessionHandler) ----

    /** Decoded requests waiting for the one in progress; event loop only. */
    public Queue<Object> pendingRequests() {
        return pendingRequests;
    }

    /** Replies of pipelined {@code send}s not yet sent, in request order; event loop only. */
    public Queue<CompletableFuture<Reply>> sendsInFlight() {
        return sendsInFlight;
    }

    /** Whether a request is in progress; event loop only. */
    public boolean busy() {
        return busy;
    }

    public void busy(boolean busy) {
        this.busy = busy;
    }

    /**
     * Whether a request of this connection is still unanswered (running, queued, or a pipelined
     * send): the connection is then waiting for the server, not idle. Event loop only.
     */
    public boolean awaitingReply() {
        return busy || !pendingRequests.isEmpty() || !sendsInFlight.isEmpty();
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

    /** Queues a reply or an event (a typed message or an encoded body) to be written in order. */
    public void send(Object message) {
        offer(Outbound.plain(message));
    }

    /**
     * Queues a live {@code message} event of a conversation. {@code body} is the event encoded once
     * for all recipients; the session owns one reference to it and never changes its indexes.
     */
    public void sendLive(String conversation, long seq, ByteBuf body) {
        offer(Outbound.live(conversation, seq, body));
    }

    /**
     * Like {@link #sendLive} but without waking the event loop: returns true when the caller must
     * later call {@link #drain} on this session's event loop (the fan-out of a whole commit does so
     * once per event loop, for all its sessions, instead of once per message and session).
     */
    public boolean sendLiveDeferred(String conversation, long seq, ByteBuf body) {
        return enqueue(Outbound.live(conversation, seq, body));
    }

    /** Queues a replayed {@code message}; already-sent seqs of this session are skipped. */
    public void sendReplay(String conversation, long seq, Object message) {
        offer(Outbound.replay(conversation, seq, message));
    }

    /**
     * Holds live messages of a conversation back until {@link #releaseHold}, while a resume replays
     * older messages first. Event loop only.
     */
    public void hold(String conversation) {
        ConversationCursor cursor = cursor(conversation);
        cursor.startHolding();
        cursor.replaying = true;
    }

    /**
     * Right after login, holds the live messages of the user's rooms: a resuming client's
     * {@code join {since}} then replays the older ones first, so each room's messages arrive in seq
     * order. A hold not taken over by such a join ends with {@link #releaseLoginHolds}. Event loop only.
     */
    public void holdAfterLogin(Iterable<String> conversations) {
        for (String conversation : conversations) {
            cursor(conversation).startHolding();
        }
        loginHolds = true;
    }

    /** Whether holds taken at login may still be waiting for a join. */
    public boolean hasLoginHolds() {
        return loginHolds;
    }

    /** Ends the login holds that no {@code join {since}} took over. Event loop only. */
    public void releaseLoginHolds() {
        if (!loginHolds) {
            return;
        }
        loginHolds = false;
        cursors.forEach((conversation, cursor) -> {
            if (cursor.holding() && !cursor.replaying) {
                offer(Outbound.releaseLoginHold(conversation));
            }
        });
    }

    /** Ends a login hold of one conversation, unless a replay runs in it. Event loop only. */
    public void releaseLoginHold(String conversation) {
        ConversationCursor cursor = cursors.get(conversation);
        if (cursor != null && cursor.holding() && !cursor.replaying) {
            offer(Outbound.releaseLoginHold(conversation));
        }
    }

    /** Queues the end of a replay; held live messages follow it, duplicates dropped. */
    public void releaseHold(String conversation) {
        offer(Outbound.release(conversation));
    }

    /** Queues {@code bye {reason}}; the connection closes once it is written (or after a short grace). */
    public void close(String reason) {
        closeWith(new Bye(reason));
    }

    /**
     * Queues a last message ({@code bye}, or the {@code error} of a broken frame stream); the
     * connection closes once it is written, or after a short grace when the peer does not read.
     */
    public void closeWith(Object lastMessage) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        offer(Outbound.close(lastMessage));
        channel.eventLoop().schedule(() -> {
            if (channel.isOpen()) {
                log.debug("{} closing without bye: peer does not read", logPrefix());
                channel.close();
            }
        }, CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /** Closes at once, without {@code bye}: the peer cannot be written to any more. */
    public void abort() {
        closing.set(true);
        channel.close();
    }

    public boolean isClosing() {
        return closing.get();
    }

    /** Bytes queued and not yet handed to the socket. */
    public long queuedBytes() {
        return outboundBytes.get();
    }

    private void offer(Outbound item) {
        if (enqueue(item)) {
            if (channel.eventLoop().inEventLoop()) {
                drain();
            } else {
                channel.eventLoop().execute(drainTask);
            }
        }
    }

    /** Adds to the queue; returns true when no drain is scheduled yet and the caller must run one. */
    private boolean enqueue(Outbound item) {
        outbound.add(item);
        long queued = outboundBytes.addAndGet(item.bytes());
        if (queued > maxOutboundBytes && item.kind() == Outbound.Kind.LIVE && !closing.get()) {
            log.info("{} disconnecting slow consumer: {} bytes queued", logPrefix(), queued);
            closing.set(true);
            onSlowConsumer.run();
            channel.eventLoop().execute(channel::close);
        }
        return drainScheduled.compareAndSet(false, true);
    }

    /** Writes queued items while the channel is writable; called again when it becomes writable. */
    public void drain() {
        drainScheduled.set(false);
        if (!channel.isActive()) {
            discardAll();
            return;
        }
        boolean wrote = false;
        while (channel.isWritable()) {
            Outbound item = outbound.poll();
            if (item == null) {
                break;
            }
            outboundBytes.addAndGet(-item.bytes());
            wrote |= write(item);
        }
        wrote |= writeBatch();
        if (wrote) {
            channel.flush();
        }
        if (whenDrained != null && outbound.isEmpty() && channel.isWritable()) {
            List<Runnable> tasks = whenDrained;
            whenDrained = null;
            tasks.forEach(Runnable::run);
        }
    }

    /**
     * Runs {@code task} once everything queued so far is written and the socket takes more: how a
     * bulk sender (a download) waits for room without holding memory. Event loop only; dropped when
     * the connection closes.
     */
    public void whenDrained(Runnable task) {
        if (whenDrained == null) {
            whenDrained = new ArrayList<>(1);
        }
        whenDrained.add(task);
        if (outbound.isEmpty() && channel.isWritable() && !drainScheduled.get()) {
            channel.eventLoop().execute(drainTask);
        }
    }

    /** Releases everything still queued; called when the channel is gone. */
    public void discardAll() {
        whenDrained = null;
        if (batch != null) {
            batch.release();
            batch = null;
        }
        for (Outbound item; (item = outbound.poll()) != null; ) {
            outboundBytes.addAndGet(-item.bytes());
            item.discard();
        }
        for (ConversationCursor cursor : cursors.values()) {
            if (cursor.held != null) {
                cursor.held.forEach(Outbound::discard);
                cursor.held = null;
            }
        }
    }

    private boolean write(Outbound item) {
        switch (item.kind()) {
            case PLAIN -> writePayload(item.payload());
            case LIVE -> {
                ConversationCursor cursor = cursor(item.conversation());
                if (cursor.holding()) {
                    cursor.held.add(item);
                    return false;
                }
                return writeLive(cursor, item);
            }
            case REPLAY -> {
                ConversationCursor cursor = cursor(item.conversation());
                if (!cursor.acceptReplay(item.seq())) {
                    item.discard();
                    return false;
                }
                writePayload(item.payload());
            }
            case RELEASE, RELEASE_LOGIN_HOLD -> {
                ConversationCursor cursor = cursor(item.conversation());
                if (cursor.held == null || (item.kind() == Outbound.Kind.RELEASE_LOGIN_HOLD && cursor.replaying)) {
                    return false;
                }
                var held = cursor.held;
                cursor.held = null;
                cursor.replaying = false;
                boolean wrote = false;
                for (Outbound heldItem : held) {
                    wrote |= writeLive(cursor, heldItem);
                }
                return wrote;
            }
            case CLOSE -> {
                writeBatch();
                Object last = item.payload() instanceof ByteBuf body ? body.duplicate() : item.payload();
                channel.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
            }
        }
        return true;
    }

    private boolean writeLive(ConversationCursor cursor, Outbound item) {
        if (!cursor.acceptLive(item.seq())) {
            item.discard();
            return false;
        }
        writePayload(item.payload());
        return true;
    }

    /** Writes a typed message, or appends an encoded body to the batch (the item's reference is used up). */
    private void writePayload(Object payload) {
        if (!(payload instanceof ByteBuf body)) {
            writeBatch();
            channel.write(payload, channel.voidPromise());
        } else if (framedWriter == null) {
            // a duplicate shares the reference count: writing it hands our reference to the channel
            channel.write(body.duplicate(), channel.voidPromise());
        } else {
            int length = body.readableBytes();
            if (batch == null) {
                // sized for what is queued (the count may dip below zero while another thread queues)
                long queued = Math.max(0, outboundBytes.get());
                batch = channel.alloc().directBuffer((int) Math.min(BATCH_BYTES, 4L + length + queued));
            }
            batch.writeInt(length).writeBytes(body, body.readerIndex(), length);
            body.release();
            if (batch.readableBytes() >= BATCH_BYTES) {
                writeBatch();
            }
        }
    }

    /** Hands the batch built so far to the pipeline; returns whether there was one. */
    private boolean writeBatch() {
        if (batch == null) {
            return false;
        }
        ByteBuf frames = batch;
        batch = null;
        framedWriter.write(frames, framedWriter.voidPromise());
        return true;
    }

    private ConversationCursor cursor(String conversation) {
        return cursors.computeIfAbsent(conversation, key -> new ConversationCursor());
    }
}

package chatroom.server.room;

import chatroom.codec.JsonCodec;
import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import chatroom.server.session.LiveRun;
import chatroom.server.session.Session;
import chatroom.server.session.SharedEvent;
import chatroom.server.session.SessionRegistry;
import chatroom.server.metrics.ServerMetrics;
import chatroom.server.store.CommitListener;
import chatroom.server.store.Names;
import chatroom.server.store.StoredMessage;
import io.netty.buffer.ByteBufAllocator;
import chatroom.server.store.Conversation;
import chatroom.server.store.MessageStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans stored messages and room events out to the sessions of the members. A message is encoded
 * once and every session gets one more reference to the same {@link SharedEvent}: the buffer
 * (sessions only read it) with the record it encodes, so a transport that is not JSON never parses it back. As the store's
 * {@link CommitListener} it runs on the writer thread right after each commit, in seq order, so
 * every session's queue receives a conversation's messages in seq order.
 *
 * <p>The messages of one commit are queued without waking anyone: a room's messages of the commit
 * as one {@link LiveRun} (framed once, one queue entry per session however many messages it
 * holds), direct messages one by one. At the end of the commit each event loop gets one task that
 * drains all of its sessions that got something, at once or, when the loop drained a fan-out less
 * than the linger ago, when that is over ({@link FanOutDrains}). A session then writes the whole
 * group in one system call, instead of one wake-up, one task and one write per message and member.
 * A room's recipients are walked once and kept until someone logs in or out or the room's members
 * change ({@link RoomSessions}).
 *
 * <p>With several nodes, messages stored by other nodes arrive through {@link #remote}, and a
 * conversation's messages from here and from there may arrive out of seq order. Each conversation
 * is delivered strictly in seq order ({@link ConversationOrder}): a message ahead of a gap is held
 * back; a gap still open after the hold-back time is filled from the store, which has every
 * committed message. Deliveries from the writer thread and from the cluster share one lock.
 */
public final class Broadcaster implements CommitListener {

    private static final Logger log = LoggerFactory.getLogger(Broadcaster.class);
    /** Most messages read from the store per gap fill. */
    static final int FILL_PAGE = 500;

    private final ServerMetrics metrics;
    /** Deliveries queued during the current commit; under the lock. */
    private int queued;

    private final RoomRegistry rooms;
    private final SessionRegistry sessions;
    private final JsonCodec codec;
    private final ByteBufAllocator alloc;
    private final MessageStore store;
    private final long holdBackNanos;
    /** Sessions given messages in the current commit that need a drain, by event loop; under the lock. */
    private final FanOutDrains toDrain;
    /** Rooms' sessions as last walked ({@link RoomSessions}) since {@link #roomSessionsSince}; under the lock. */
    private final Map<Room, RoomSessions> roomSessions = new HashMap<>();
    /** {@code SessionRegistry.changes()} when {@link #roomSessions} was emptied; its entries hold while this does. */
    private long roomSessionsSince = -1;
    /** The open sessions a room's run of the current commit goes to, while they are collected; under the lock. */
    private final List<Session> recipients = new ArrayList<>();
    /** Room messages of the current commit, not yet queued to sessions, by room; under the lock. */
    private final Map<Room, LiveRun.Builder> runs = new LinkedHashMap<>();
    /** Delivery order of direct conversations, by conversation key; under the lock. */
    private final Map<String, ConversationOrder> directs = new HashMap<>();
    /** Conversations with a gap; under the lock. */
    private final Set<ConversationOrder> gaps = new HashSet<>();
    private final ScheduledExecutorService gapFiller;
    private volatile Consumer<StoredMessage> publisher = message -> { };

    /**
     * @param holdBack how long a message of another node that arrived ahead of a gap waits for it
     * @param fanOut how each event loop sends commits' fan-out ({@link FanOutDrains})
     */
    public Broadcaster(RoomRegistry rooms, SessionRegistry sessions, JsonCodec codec, ByteBufAllocator alloc,
                       ServerMetrics metrics, MessageStore store, Duration holdBack, FanOutPacing fanOut) {
        this.metrics = metrics;
        this.rooms = rooms;
        this.sessions = sessions;
        this.codec = codec;
        this.alloc = alloc;
        this.store = store;
        this.holdBackNanos = holdBack.toNanos();
        this.toDrain = new FanOutDrains(fanOut);
        this.gapFiller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "chat-gap-filler");
            thread.setDaemon(true);
            return thread;
        });
        long tick = Math.max(5, holdBack.toMillis() / 2);
        gapFiller.scheduleWithFixedDelay(this::fillGaps, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Hears every message committed on this node (to tell the other nodes); on the writer thread. */
    public void setPublisher(Consumer<StoredMessage> publisher) {
        this.publisher = publisher;
    }

    @Override
    public synchronized void committed(StoredMessage message) {
        metrics.messageStored();
        try {
            publisher.accept(message);
        } catch (RuntimeException e) {
            log.warn("could not tell other nodes of {}#{}: {}", message.conversation().key(), message.seq(), e.toString());
        }
        offer(message);
    }

    @Override
    public synchronized void commitDone() {
        sendRuns();
        if (queued > 0) {
            metrics.messagesQueued(queued);
            queued = 0;
        }
        toDrain.run();
    }

    /** Delivers messages another node stored, in seq order with what this node stored. */
    public synchronized void remote(List<StoredMessage> messages) {
        messages.forEach(this::offer);
        commitDone();
    }

    /**
     * The store has a room's messages up to {@code latestSeq}: anything this node has not delivered
     * up to there is read from the store and delivered (after an outage of the cluster's messaging).
     */
    public synchronized void catchUp(Room room, long latestSeq) {
        ConversationOrder order = room.order();
        if (latestSeq > order.known) {
            order.known = latestSeq;
        }
        if (order.hasGap() && gaps.add(order)) {
            order.gapSinceNanos = System.nanoTime() - holdBackNanos; // no reason to wait: fill at once
        }
    }

    /**
     * The room's messages up to {@code seq} count as delivered without being delivered: this node
     * did not receive them while none of its sessions belonged to a member (per-room
     * subscriptions), and a member's session that arrives now expects only newer ones live.
     */
    public synchronized void skipTo(Room room, long seq) {
        ConversationOrder order = room.order();
        if (seq <= order.delivered()) {
            return;
        }
        order.delivered(seq);
        order.held.headMap(seq, true).clear();
        for (StoredMessage next; (next = order.held.remove(order.delivered() + 1)) != null; ) {
            deliver(room, next);
            order.delivered(next.seq());
        }
        if (!order.hasGap()) {
            gaps.remove(order);
        }
        commitDone();
    }

    /**
     * Forgets where the direct conversations of an account stand whose other party
     * {@code otherStillHere} rejects: this node stops receiving them, so the next one it sees starts
     * afresh instead of filling the messages it did not receive (and no session here waited for).
     */
    public synchronized void forgetDirects(long accountId, LongPredicate otherStillHere) {
        directs.entrySet().removeIf(entry -> {
            String[] ids = entry.getKey().substring(2).split("\\|");
            long low = Long.parseLong(ids[0]);
            long high = Long.parseLong(ids[1]);
            if (low != accountId && high != accountId) {
                return false;
            }
            long other = low == accountId ? high : low;
            if (other != accountId && otherStillHere.test(other)) {
                return false;
            }
            gaps.remove(entry.getValue());
            return true;
        });
    }

    /** Messages held back behind a gap right now, for tests and diagnostics. */
    public synchronized int heldBack() {
        return gaps.stream().mapToInt(order -> order.held.size()).sum();
    }

    private void offer(StoredMessage message) {
        Room room = null;
        ConversationOrder order;
        if (message.conversation().isRoom()) {
            room = rooms.findByConversation(message.conversation().key());
            if (room == null) {
                return; // a room this node does not know (any more)
            }
            order = room.order();
        } else {
            // a direct conversation first seen here starts at the message before this one
            order = directs.computeIfAbsent(message.conversation().key(),
                    key -> new ConversationOrder(key, message.seq() - 1));
        }
        if (message.seq() <= order.delivered()) {
            return; // delivered already
        }
        if (message.seq() > order.delivered() + 1) {
            order.held.put(message.seq(), message);
            metrics.messageHeldBack();
            if (gaps.add(order)) {
                order.gapSinceNanos = System.nanoTime();
            }
            return;
        }
        deliver(room, message);
        order.delivered(message.seq());
        if (order.held.isEmpty()) {
            return; // the common case: in order, nothing waiting
        }
        for (StoredMessage next; (next = order.held.remove(order.delivered() + 1)) != null; ) {
            deliver(room, next);
            order.delivered(next.seq());
        }
        order.held.headMap(order.delivered(), true).clear();
        if (!order.hasGap()) {
            gaps.remove(order);
        }
    }

    /** Hands a message to the sessions of its room's members ({@code room} not null) or of both parties. */
    private void deliver(Room room, StoredMessage message) {
        if (room != null) {
            // the room's messages of this commit go out together at its end (sendRuns)
            runs.computeIfAbsent(room, r -> new LiveRun.Builder(r.conversation().key()))
                    .add(message.seq(), encode(toRoomEvent(room, message)));
        } else {
            // a key is a confusable skeleton (ICU work): once per party, not once per use
            String fromKey = Names.key(message.from());
            String toKey = Names.key(message.to());
            sendDirect(message, fromKey, message.to());
            if (!fromKey.equals(toKey)) {
                sendDirect(message, toKey, message.from());
            }
        }
    }

    /** Fills the gaps that the hold-back time did not close, from the store; on the gap filler's thread. */
    private void fillGaps() {
        List<ConversationOrder> due = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            for (ConversationOrder order : gaps) {
                if (!order.filling && now - order.gapSinceNanos >= holdBackNanos) {
                    order.filling = true;
                    due.add(order);
                }
            }
        }
        for (ConversationOrder order : due) {
            long after;
            long upTo;
            synchronized (this) {
                after = order.delivered();
                upTo = order.missingUpTo();
            }
            int limit = (int) Math.min(FILL_PAGE, Math.max(1, upTo - after));
            store.history(new Conversation(order.conversation), upTo + 1, after, limit)
                    .whenComplete((page, error) -> filled(order, after, upTo, limit, page, error));
        }
    }

    private synchronized void filled(ConversationOrder order, long after, long upTo, int limit,
                                     List<StoredMessage> page, Throwable error) {
        order.filling = false;
        if (error != null) {
            log.warn("could not fill a gap in {} after seq {}: {}", order.conversation, after, error.toString());
            return; // the next tick tries again
        }
        page.forEach(this::offer);
        metrics.gapFilled(page.size());
        if (page.size() < limit && order.delivered() < upTo) {
            // the store has nothing more before upTo: seqs that no commit kept (cannot happen with
            // seq counters, but a stall would be worse than a skip)
            log.warn("{}: seqs {} to {} are not in the store; delivering what follows", order.conversation,
                    order.delivered() + 1, upTo);
            order.delivered(upTo);
            order.known = Math.max(order.known, upTo);
            if (!order.held.isEmpty()) {
                StoredMessage next = order.held.remove(order.held.firstKey());
                offer(next);
            }
        }
        if (!order.hasGap()) {
            gaps.remove(order);
        }
        commitDone();
    }

    /** Stops the gap filler. */
    public void close() {
        gapFiller.shutdownNow();
    }

    /**
     * Queues each room's messages of this commit to the sessions of its members: one {@link LiveRun}
     * per room, framed once, and one queue entry per session, however many messages the commit holds.
     */
    private void sendRuns() {
        if (runs.isEmpty()) {
            return;
        }
        for (Map.Entry<Room, LiveRun.Builder> entry : runs.entrySet()) {
            for (Session session : sessionsOfMembers(entry.getKey())) {
                if (session.isOpen()) {
                    recipients.add(session);
                }
            }
            if (recipients.isEmpty()) {
                entry.getValue().discard(); // nobody here receives it
                continue;
            }
            LiveRun run = entry.getValue().build(alloc);
            queued += run.size() * recipients.size();
            run.retain(recipients.size()); // one count for all, not one atomic add per session
            for (Session session : recipients) {
                if (session.sendLiveDeferred(run)) {
                    toDrain.add(session);
                }
            }
            run.release();
            recipients.clear();
        }
        runs.clear();
    }

    /** The sessions here of the room's members, open or not: walked again only after a change. */
    private Session[] sessionsOfMembers(Room room) {
        long registryChanges = sessions.changes();
        if (registryChanges != roomSessionsSince) {
            roomSessions.clear(); // all stale, and a quiet room's must not keep closed sessions alive
            roomSessionsSince = registryChanges;
        }
        int membershipChanges = room.membershipChanges();
        RoomSessions known = roomSessions.get(room);
        if (known != null && known.isCurrent(membershipChanges)) {
            return known.sessions();
        }
        List<Session> found = new ArrayList<>();
        walkMembersSessions(room, null, found::add);
        Session[] walked = found.toArray(Session[]::new);
        roomSessions.put(room, new RoomSessions(membershipChanges, walked));
        return walked;
    }

    private void sendLive(Session session, String conversation, long seq, SharedEvent event) {
        queued++;
        if (session.sendLiveDeferred(conversation, seq, event.retain())) {
            toDrain.add(session);
        }
    }

    private void sendDirect(StoredMessage message, String receiverKey, String otherParty) {
        var receivers = sessions.sessionsOf(receiverKey);
        if (receivers.isEmpty()) {
            return;
        }
        SharedEvent event = encode(toDirectEvent(message, otherParty));
        try {
            for (Session session : receivers) {
                sendLive(session, message.conversation().key(), message.seq(), event);
            }
        } finally {
            event.release();
        }
    }

    /**
     * Sends an event to every session of every member of a room but those of {@code exceptUserKey}.
     * The sessions are drained by one task per event loop after the caller's task, not each on the
     * spot: in a login storm every login tells the room, and events that meet in a session's queue
     * leave in one write instead of one system call each.
     */
    public void toRoom(Room room, Event event, String exceptUserKey) {
        SharedEvent shared = encode(event);
        PendingDrains drains = new PendingDrains();
        try {
            forEachMemberSession(room, exceptUserKey, session -> {
                if (session.sendDeferred(shared.retain())) {
                    drains.add(session);
                }
            });
        } finally {
            shared.release();
        }
        drains.run();
    }

    /**
     * Calls {@code action} for each session here of each member of the room but {@code exceptUserKey}
     * (null: all). The walk goes over the room's members, or over the users online here when that is
     * the shorter walk: a big room after a restart has far more members than users online, and the
     * presence of each login would otherwise look up every offline member (found in a 19,000-client
     * reconnect storm). Sessions whose connection has already closed are skipped: what they were
     * given would only be thrown away (a close storm queued each offline event to the closing).
     */
    private void forEachMemberSession(Room room, String exceptUserKey, Consumer<Session> action) {
        walkMembersSessions(room, exceptUserKey, session -> {
            if (session.isOpen()) {
                action.accept(session);
            }
        });
    }

    /** {@link #forEachMemberSession} without the check that each session is still open. */
    private void walkMembersSessions(Room room, String exceptUserKey, Consumer<Session> action) {
        if (room.memberCount() <= sessions.onlineUserCount()) {
            for (String member : room.memberKeys()) {
                if (!member.equals(exceptUserKey)) {
                    sessions.sessionsOf(member).forEach(action);
                }
            }
        } else {
            sessions.forEachOnline((userKey, userSessions) -> {
                if (!userKey.equals(exceptUserKey) && room.isMember(userKey)) {
                    userSessions.forEach(action);
                }
            });
        }
    }

    /**
     * The event encoded once for all recipients, with its record: JSON sessions write the body, the
     * IRC gateway renders the record (once, too) without parsing the body again.
     */
    private SharedEvent encode(Event event) {
        return new SharedEvent(codec.encode(event, alloc), event);
    }

    /** Sends an event to every session of one user. */
    public void toUser(String userKey, Event event) {
        for (Session session : sessions.sessionsOf(userKey)) {
            session.send(event);
        }
    }

    /** The {@code message} event of a stored room message. */
    public static ChatMessage toRoomEvent(Room room, StoredMessage m) {
        return toRoomEvent(room.name(), m);
    }

    /**
     * The {@code message} event of a stored message of the room named {@code room}: the current
     * text with its mentions and edit time, or the deleted form without text.
     */
    public static ChatMessage toRoomEvent(String room, StoredMessage m) {
        if (m.deleted()) {
            return ChatMessage.deleted(room, null, m.seq(), m.ts(), m.from());
        }
        return ChatMessage.inRoom(room, m.seq(), m.ts(), m.from(), m.text(), m.cid())
                .withChanges(m.mentions(), m.editedTs());
    }

    /** The {@code message} event of a stored direct message, {@code with} the other party. */
    public static ChatMessage toDirectEvent(StoredMessage m, String otherParty) {
        if (m.deleted()) {
            return ChatMessage.deleted(null, otherParty, m.seq(), m.ts(), m.from());
        }
        return ChatMessage.direct(otherParty, m.seq(), m.ts(), m.from(), m.to(), m.text(), m.cid())
                .withChanges(m.mentions(), m.editedTs());
    }
}

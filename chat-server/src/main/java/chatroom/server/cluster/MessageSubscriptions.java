package chatroom.server.cluster;

import chatroom.server.room.Broadcaster;
import chatroom.server.room.Room;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.MessageStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which rooms' and users' messages this node receives from the cluster: a room's while one of its
 * sessions belongs to a member, a user's direct messages while the user has a session here. So a
 * node of a big cluster hears only the messages its own users read.
 *
 * <p>A room this node did not subscribe to has a stale delivery position: its messages went to
 * nobody here. Before a member's session arrives ({@link #attach}), the position moves to the
 * store's latest seq (older messages are not live for a session that was not here); then the node
 * subscribes, and once Redis confirms, it reads the store's latest seq again and delivers what was
 * committed in between: a message published before the subscription took effect is not lost.
 *
 * <p>Unsubscribing is lazy: a sweep every {@link #SWEEP} drops what no session here has needed for
 * {@link #LINGER}, so a member who reconnects at once does not make the node unsubscribe and
 * subscribe again. The sweep also subscribes to anything a session needs that is missing (a
 * subscription that failed while Redis was away). Lettuce subscribes to every confirmed channel
 * again after a reconnect; the catch-up that follows it ({@link NodeEvents}) covers the outage.
 */
final class MessageSubscriptions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MessageSubscriptions.class);
    /** How long a subscription nobody here needs is kept. */
    static final Duration LINGER = Duration.ofSeconds(5);
    static final Duration SWEEP = Duration.ofSeconds(1);

    private final Cluster cluster;
    private final RoomRegistry rooms;
    private final SessionRegistry sessions;
    private final Broadcaster broadcaster;
    private final MessageStore store;
    /** By room key and by user key; under this object's lock. */
    private final Map<String, Subscription> roomSubscriptions = new HashMap<>();
    private final Map<String, Subscription> userSubscriptions = new HashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "chat-cluster-subscriptions");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * One subscribed channel: {@code ready} completes when a session may start relying on it.
     * Subscribing and unsubscribing happen under the lock, so Redis sees them in the map's order.
     */
    private static final class Subscription {
        final long accountId;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        /** Rooms: completes once Redis confirmed the subscription (or it failed) and the catch-up ran. */
        final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        /** {@link System#nanoTime} since when no session here needed it, or null while one does. */
        Long idleSince;

        Subscription(long accountId) {
            this.accountId = accountId;
        }
    }

    MessageSubscriptions(Cluster cluster, RoomRegistry rooms, SessionRegistry sessions, Broadcaster broadcaster,
                         MessageStore store) {
        this.cluster = cluster;
        this.rooms = rooms;
        this.sessions = sessions;
        this.broadcaster = broadcaster;
        this.store = store;
    }

    void start() {
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Before a session of the user begins here: the user's direct messages and the messages of its
     * {@code rooms} reach this node.
     *
     * @return completes when each room's delivery stands at the store's latest seq (so the login's
     *     reply names it, and anything newer reaches the session live) and the user's channel is
     *     subscribed (if {@code waitForUser}); never fails
     */
    CompletableFuture<Void> attach(String userKey, long accountId, List<Room> userRooms, boolean waitForUser) {
        List<CompletableFuture<Void>> steps = new ArrayList<>();
        CompletableFuture<Void> user = attachUser(userKey, accountId);
        if (waitForUser) {
            steps.add(user);
        }
        for (Room room : userRooms) {
            steps.add(attachRoom(room));
        }
        return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new));
    }

    /** As {@link #attachRoom(Room, boolean)}, skipping older messages when no member has a session here. */
    CompletableFuture<Void> attachRoom(Room room) {
        return attachRoom(room, !hasLocalMember(room));
    }

    /**
     * The room's messages reach this node from now on. {@code skipOlder}: no session here waits for
     * the messages this node did not receive, so its delivery moves to the store's latest seq first.
     *
     * @return completes when that move is done; never fails
     */
    CompletableFuture<Void> attachRoom(Room room, boolean skipOlder) {
        Subscription subscription;
        synchronized (this) {
            Subscription existing = roomSubscriptions.get(room.key());
            if (existing != null) {
                existing.idleSince = null;
                return existing.ready;
            }
            subscription = new Subscription(0);
            roomSubscriptions.put(room.key(), subscription);
        }
        CompletableFuture<Void> skipped = skipOlder
                ? store.latestSeq(room.conversation()).thenAccept(seq -> broadcaster.skipTo(room, seq))
                : CompletableFuture.completedFuture(null);
        skipped.whenComplete((done, error) -> subscription.ready.complete(null));
        skipped.thenCompose(done -> subscribeIfCurrent(roomSubscriptions, room.key(), subscription,
                        () -> cluster.subscribeRoom(room.key())))
                .thenCompose(subscribed -> store.latestSeq(room.conversation()))
                .thenAccept(seq -> broadcaster.catchUp(room, seq)) // what was published before the subscription
                .whenComplete((done, error) -> {
                    if (error != null) {
                        log.warn("could not subscribe to the messages of room {} (the next sweep tries again): {}",
                                room.name(), error.toString());
                        forget(roomSubscriptions, room.key(), subscription);
                    }
                    subscription.subscribed.complete(null);
                });
        return subscription.ready;
    }

    /**
     * As {@link #attachRoom(Room, boolean)}, completing later: once every message stored from now
     * on reaches this node, through Redis or the catch-up after subscribing (or the attempt failed).
     */
    CompletableFuture<Void> attachRoomSubscribed(Room room, boolean skipOlder) {
        attachRoom(room, skipOlder);
        synchronized (this) {
            Subscription subscription = roomSubscriptions.get(room.key());
            return subscription == null ? CompletableFuture.completedFuture(null) : subscription.subscribed;
        }
    }

    /** The user's direct messages reach this node from now on; completes when Redis confirmed it. */
    CompletableFuture<Void> attachUser(String userKey, long accountId) {
        Subscription subscription;
        synchronized (this) {
            Subscription existing = userSubscriptions.get(userKey);
            if (existing != null) {
                existing.idleSince = null;
                return existing.ready;
            }
            subscription = new Subscription(accountId);
            userSubscriptions.put(userKey, subscription);
        }
        subscribeIfCurrent(userSubscriptions, userKey, subscription, () -> cluster.subscribeUser(userKey))
                .whenComplete((done, error) -> {
                    if (error != null) {
                        log.warn("could not subscribe to the direct messages of {} (the next sweep tries again): {}",
                                userKey, error.toString());
                        forget(userSubscriptions, userKey, subscription);
                    }
                    subscription.ready.complete(null);
                });
        return subscription.ready;
    }

    /** Subscribes, unless the subscription was dropped meanwhile. */
    private synchronized CompletableFuture<Void> subscribeIfCurrent(Map<String, Subscription> subscriptions,
            String key, Subscription subscription, Supplier<CompletableFuture<Void>> subscribe) {
        return subscriptions.get(key) == subscription ? subscribe.get() : CompletableFuture.completedFuture(null);
    }

    /** A room was renamed: its messages move to the new name's channel, its delivery goes on where it stood. */
    void renamed(String oldKey, Room now) {
        boolean subscribed;
        synchronized (this) {
            subscribed = roomSubscriptions.containsKey(oldKey);
        }
        if (subscribed) {
            attachRoom(now, false);
        }
    }

    synchronized boolean isSubscribed(String roomKey) {
        return roomSubscriptions.containsKey(roomKey);
    }

    private synchronized void forget(Map<String, Subscription> subscriptions, String key, Subscription subscription) {
        subscriptions.remove(key, subscription);
    }

    /** Subscribes to what sessions here need and is missing; drops what none has needed for {@link #LINGER}. */
    void sweep() {
        try {
            Map<String, Long> neededUsers = new HashMap<>();
            Map<String, Room> neededRooms = new HashMap<>();
            for (Session session : sessions.all()) {
                String userKey = session.userKey();
                if (userKey != null && neededUsers.putIfAbsent(userKey, session.accountId()) == null) {
                    for (Room room : rooms.roomsOf(userKey)) {
                        neededRooms.putIfAbsent(room.key(), room);
                    }
                }
            }
            neededUsers.forEach(this::attachUser); // resets the idle time of what is there
            neededRooms.values().forEach(room -> attachRoom(room, false)); // members here wait: deliver what was missed
            long now = System.nanoTime();
            Set<Long> attachedAccounts = new HashSet<>();
            List<String> dropRooms = new ArrayList<>();
            List<Map.Entry<String, Subscription>> dropUsers = new ArrayList<>();
            synchronized (this) {
                idle(roomSubscriptions, neededRooms.keySet(), now, dropRooms, null);
                idle(userSubscriptions, neededUsers.keySet(), now, null, dropUsers);
                userSubscriptions.values().forEach(subscription -> attachedAccounts.add(subscription.accountId));
                dropRooms.forEach(cluster::unsubscribeRoom);
                dropUsers.forEach(user -> cluster.unsubscribeUser(user.getKey()));
            }
            for (Map.Entry<String, Subscription> user : dropUsers) {
                broadcaster.forgetDirects(user.getValue().accountId, attachedAccounts::contains);
            }
        } catch (RuntimeException e) {
            log.warn("the sweep of the cluster subscriptions failed", e);
        }
    }

    /** Marks what is not needed idle, and removes (into the drop lists) what has been idle for {@link #LINGER}. */
    private static void idle(Map<String, Subscription> subscriptions, Set<String> needed, long now,
                             List<String> dropKeys, List<Map.Entry<String, Subscription>> dropEntries) {
        var entries = subscriptions.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Subscription> entry = entries.next();
            Subscription subscription = entry.getValue();
            if (needed.contains(entry.getKey())) {
                subscription.idleSince = null;
            } else if (subscription.idleSince == null) {
                subscription.idleSince = now;
            } else if (now - subscription.idleSince >= LINGER.toNanos()) {
                entries.remove();
                if (dropKeys != null) {
                    dropKeys.add(entry.getKey());
                } else {
                    dropEntries.add(Map.entry(entry.getKey(), subscription));
                }
            }
        }
    }

    private boolean hasLocalMember(Room room) {
        for (String member : room.memberKeys()) {
            if (sessions.isOnline(member)) {
                return true;
            }
        }
        return false;
    }

    /** Subscribed rooms and users, for tests and diagnostics. */
    synchronized int size() {
        return roomSubscriptions.size() + userSubscriptions.size();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}

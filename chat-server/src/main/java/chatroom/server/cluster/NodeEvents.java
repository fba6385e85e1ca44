package chatroom.server.cluster;

import chatroom.server.cluster.ClusterEvent.MemberAdded;
import chatroom.server.cluster.ClusterEvent.MessageStored;
import chatroom.server.cluster.ClusterEvent.NodeRejoined;
import chatroom.server.cluster.ClusterEvent.RoomRenamed;
import chatroom.server.cluster.ClusterEvent.UserOffline;
import chatroom.server.cluster.ClusterEvent.UserOnline;
import chatroom.server.concurrent.SerialExecutor;
import chatroom.server.room.Broadcaster;
import chatroom.server.room.Room;
import chatroom.server.room.RoomReplay;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.ChatStore;
import chatroom.server.store.Names;
import chatroom.server.store.RoomRecord;
import chatroom.server.store.StoreSnapshot;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings {@link ClusterEvent}s to this node, on the right thread: what it keeps in memory (rooms,
 * members, topics, mutes, who is online) and what its sessions are told. Request handlers
 * {@link #publish} an event after the store committed the change; this node applies it at once
 * and the other nodes when it reaches them. What each event does is {@link ClusterEventApplier}'s
 * job; presence spans nodes ({@link ClusterPresence}).
 *
 * <p>Threading: every change to the room registry, the rooms, the sessions' identity and presence
 * runs on one {@link SerialExecutor}, whoever publishes it (event loops, the store's writer thread,
 * Lettuce's I/O thread, the catch-up thread); other threads only read.
 */
public final class NodeEvents implements Cluster.Listener {

    private static final Logger log = LoggerFactory.getLogger(NodeEvents.class);
    /** The longest a login or join waits for this node's subscriptions ({@link #attach}); it goes on after. */
    static final Duration ATTACH_WAIT = Duration.ofSeconds(2);

    private final RoomRegistry rooms;
    private final Broadcaster broadcaster;
    private final ChatStore store;
    private final Cluster cluster;
    private final SessionRegistry sessions;
    /** Null when every message reaches every node (one node). */
    private final MessageSubscriptions subscriptions;
    private final ClusterPresence presence;
    private final ClusterEventApplier applier;
    /** The one owner of room, membership, session-identity and presence changes on this node. */
    private final SerialExecutor owner = new SerialExecutor();
    private final AtomicBoolean catchUpQueued = new AtomicBoolean();
    private final ExecutorService catchUps = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "chat-cluster-catch-up");
        thread.setDaemon(true);
        return thread;
    });

    /** Every room announces who comes online and goes offline, as contract §4 says. */
    public NodeEvents(RoomRegistry rooms, SessionRegistry sessions, Broadcaster broadcaster, ChatStore store,
                      Cluster cluster) {
        this(rooms, sessions, broadcaster, store, cluster, 0);
    }

    /**
     * @param presenceMaxMembers rooms of more members announce no online or offline (0: every room does);
     *     see {@link chatroom.server.config.LimitSettings#presenceMaxMembers}
     */
    public NodeEvents(RoomRegistry rooms, SessionRegistry sessions, Broadcaster broadcaster, ChatStore store,
                      Cluster cluster, int presenceMaxMembers) {
        this.rooms = rooms;
        this.broadcaster = broadcaster;
        this.store = store;
        this.cluster = cluster;
        this.sessions = sessions;
        this.presence = new ClusterPresence(rooms, sessions, broadcaster, cluster, presenceMaxMembers);
        this.applier = new ClusterEventApplier(rooms, sessions, broadcaster, presence);
        this.subscriptions = cluster.subscribesPerRoom()
                ? new MessageSubscriptions(cluster, rooms, sessions, broadcaster, store) : null;
        if (subscriptions != null) {
            subscriptions.start();
        }
    }

    public Cluster cluster() {
        return cluster;
    }

    /**
     * Applies an event of this node here and tells the other nodes, in the order this node applies
     * them. Call after the store committed it, from any thread.
     *
     * @return completes when this node's memory shows the change (at once unless another thread is
     *     applying events); a reply that reads the changed state should wait for it
     */
    public CompletableFuture<Void> publish(ClusterEvent event) {
        return owner.run(() -> {
            applyHere(event);
            cluster.publish(event);
        });
    }

    // ---- which messages reach this node (MessageSubscriptions) ----

    /**
     * Call before a session of the user is registered: the user's rooms' messages and its direct
     * messages reach this node from now on, and each room's latest seq here is the store's.
     *
     * @return completes when a login may read the rooms' seqs (at most {@link #ATTACH_WAIT}); never fails
     */
    public CompletableFuture<Void> attach(String userKey, long accountId) {
        if (subscriptions == null) {
            return CompletableFuture.completedFuture(null);
        }
        // a Redis that hangs does not hold up every login
        return subscriptions.attach(userKey, accountId, rooms.roomsOf(userKey), cluster.healthy())
                .completeOnTimeout(null, ATTACH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Call before a session's user becomes a member of the room (or joins it again): as
     * {@link #attach(String, long)}, for one room.
     */
    public CompletableFuture<Void> attach(Room room) {
        if (subscriptions == null) {
            return CompletableFuture.completedFuture(null);
        }
        return subscriptions.attachRoom(room)
                .completeOnTimeout(null, ATTACH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- presence across nodes (ClusterPresence) ----

    /** A session logged in and was registered: presence when it is the user's first on any node. */
    public void sessionStarted(Session session, boolean firstHere) {
        owner.execute(() -> presence.sessionStarted(session, firstHere));
    }

    /** A session ended; {@code lastHere}: it was the user's last on this node. */
    public void sessionEnded(Session session, boolean lastHere) {
        owner.execute(() -> presence.sessionEnded(session, lastHere));
    }

    /** Whether the user has a session on any node. */
    public boolean isOnline(String userKey) {
        return presence.isOnline(userKey);
    }

    /** Display names of the users with a session on any node. */
    public List<String> onlineUsers() {
        return presence.onlineUsers();
    }

    // ---- what other nodes tell ----

    @Override
    public void remote(ClusterEvent event) {
        if (event instanceof MessageStored message) {
            broadcaster.remote(List.of(message.toStored())); // the broadcaster keeps each conversation's order
        } else if (event instanceof UserOnline online) {
            owner.execute(() -> presence.online(online));
        } else if (event instanceof UserOffline offline) {
            owner.execute(() -> presence.offline(offline));
        } else if (event instanceof NodeRejoined rejoined) {
            log.info("node {} is back in the cluster's messaging; catching up from the store", rejoined.node());
            reconnected();
        } else {
            apply(event);
        }
    }

    @Override
    public void remoteUsers(Map<String, Map<String, String>> usersByNode, long readStartedNanos) {
        owner.execute(() -> presence.remoteUsers(usersByNode, readStartedNanos));
    }

    @Override
    public void reconnected() {
        if (!catchUpQueued.compareAndSet(false, true)) {
            return; // one catch-up waiting to run covers every reason to run one
        }
        try {
            catchUps.execute(this::catchUp);
        } catch (RejectedExecutionException closing) {
            catchUpQueued.set(false); // this node is stopping
        }
    }

    /** Memory and delivery in line with the store again: rooms, members, and messages not yet delivered. */
    private void catchUp() {
        catchUpQueued.set(false);
        try {
            StoreSnapshot snapshot = store.load();
            owner.run(() -> rooms.reconcile(snapshot)).join(); // this thread is not the owner: no deadlock
            for (RoomRecord record : snapshot.rooms()) {
                Room room = rooms.find(record.name());
                // a room this node does not subscribe to has nobody here to deliver to
                if (room != null && (subscriptions == null || subscriptions.isSubscribed(room.key()))) {
                    broadcaster.catchUp(room, record.latestSeq());
                }
            }
            log.info("caught up from the store after the cluster's messaging came back: {} rooms",
                    snapshot.rooms().size());
        } catch (RuntimeException e) {
            log.warn("could not catch up from the store after the cluster's messaging came back", e);
        }
    }

    // ---- applying an event here ----

    /**
     * Applies an event (of this node or another) to this node's memory and members on the owner,
     * from any thread; messages take {@link #remote}.
     *
     * @return completes when the change is applied
     */
    public CompletableFuture<Void> apply(ClusterEvent event) {
        return owner.run(() -> applyHere(event));
    }

    /** On the owner only. */
    private void applyHere(ClusterEvent event) {
        Collection<Session> invitedHere = event instanceof MemberAdded added && added.since() != null
                ? holdForInvitation(added) : List.of();
        if (!applier.apply(event)) {
            log.warn("an event this node does not know: {}", event);
        }
        if (event instanceof MemberAdded added && sessions.isOnline(Names.key(added.user()))) {
            Room room = rooms.find(added.room());
            if (room != null) {
                // invited: the new member's sessions get what follows
                CompletableFuture<Void> subscribed = subscriptions == null ? CompletableFuture.completedFuture(null)
                        : subscriptions.attachRoomSubscribed(room, true)
                                .completeOnTimeout(null, ATTACH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (!invitedHere.isEmpty()) {
                    subscribed.thenRun(() -> replayInvitation(invitedHere, room, added.since()));
                }
            }
        } else if (subscriptions != null && event instanceof RoomRenamed renamed) {
            Room room = rooms.find(renamed.newName());
            if (room != null) {
                subscriptions.renamed(Names.key(renamed.room()), room);
            }
        }
    }

    /**
     * Before an invited user becomes a member here: holds the room's live messages in each of the
     * user's sessions. Messages stored since the invitation may have been fanned out here before
     * this node heard of it, or may be skipped while it subscribes; the replay sends them first.
     */
    private Collection<Session> holdForInvitation(MemberAdded added) {
        Room room = rooms.find(added.room());
        if (room == null || room.isMember(Names.key(added.user()))) {
            return List.of();
        }
        Collection<Session> here = List.copyOf(sessions.sessionsOf(Names.key(added.user())));
        for (Session session : here) {
            session.holdFromNow(room.conversation().key());
        }
        return here;
    }

    /** Sends the invited user's sessions what was stored after {@code since}, then what was held. */
    private void replayInvitation(Collection<Session> invited, Room room, long since) {
        for (Session session : invited) {
            RoomReplay.after(store, session, room, since).whenComplete((done, error) -> {
                if (error != null) {
                    log.warn("{} could not replay room {} after the invitation: {}", session.logPrefix(),
                            room.name(), error.toString());
                    session.releaseHold(room.conversation().key());
                }
            });
        }
    }

    /** The event types this node has an applier for. */
    Set<Class<? extends ClusterEvent>> appliedTypes() {
        return applier.types();
    }

    /** Stops catching up and filling gaps; the cluster itself is closed by its owner. */
    public void close() {
        if (subscriptions != null) {
            subscriptions.close();
        }
        catchUps.shutdownNow();
        broadcaster.close();
    }
}

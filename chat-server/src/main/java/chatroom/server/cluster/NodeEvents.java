package chatroom.server.cluster;

import chatroom.codec.message.Bye;
import chatroom.codec.message.Event;
import chatroom.codec.message.FileShared;
import chatroom.codec.message.RoomDeleted;
import chatroom.codec.message.MessageDeleted;
import chatroom.codec.message.MessageEdited;
import chatroom.codec.message.ReadMarked;
import chatroom.codec.message.Kicked;
import chatroom.codec.message.Muted;
import chatroom.codec.message.Presence;
import chatroom.codec.message.Renamed;
import chatroom.codec.message.TopicChanged;
import chatroom.codec.message.Unmuted;
import chatroom.server.cluster.ClusterEvent.AdminChanged;
import chatroom.server.concurrent.SerialExecutor;
import chatroom.server.cluster.ClusterEvent.FileAdded;
import chatroom.server.cluster.ClusterEvent.MemberAdded;
import chatroom.server.cluster.ClusterEvent.MemberRemoved;
import chatroom.server.cluster.ClusterEvent.MessageChanged;
import chatroom.server.cluster.ClusterEvent.MessageStored;
import chatroom.server.cluster.ClusterEvent.ReadMoved;
import chatroom.server.cluster.ClusterEvent.MuteLifted;
import chatroom.server.cluster.ClusterEvent.MuteSet;
import chatroom.server.cluster.ClusterEvent.NodeRejoined;
import chatroom.server.cluster.ClusterEvent.RoomCreated;
import chatroom.server.cluster.ClusterEvent.RoomRemoved;
import chatroom.server.cluster.ClusterEvent.RoomRenamed;
import chatroom.server.cluster.ClusterEvent.SessionsEnded;
import chatroom.server.cluster.ClusterEvent.TopicSet;
import chatroom.server.cluster.ClusterEvent.UserDeleted;
import chatroom.server.cluster.ClusterEvent.UserOffline;
import chatroom.server.cluster.ClusterEvent.UserOnline;
import chatroom.server.cluster.ClusterEvent.UserRenamed;
import chatroom.server.room.Broadcaster;
import chatroom.server.room.Room;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.ChatStore;
import chatroom.server.store.Names;
import chatroom.server.store.RoomRecord;
import chatroom.server.store.StoreSnapshot;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link ClusterEvent}s to this node: what it keeps in memory (rooms, members, topics,
 * mutes, who is online) and what its sessions are told. Request handlers {@link #publish} an event
 * after the store committed the change; this node applies it at once and the other nodes when it
 * reaches them. Presence spans nodes ({@link ClusterPresence}).
 *
 * <p>Threading: every change to the room registry, the rooms, the sessions' identity and presence
 * runs on one {@link SerialExecutor}, whoever publishes it (event loops, the store's writer thread,
 * Lettuce's I/O thread, the catch-up thread); other threads only read.
 */
public final class NodeEvents implements Cluster.Listener {

    private static final Logger log = LoggerFactory.getLogger(NodeEvents.class);

    private final RoomRegistry rooms;
    private final SessionRegistry sessions;
    private final Broadcaster broadcaster;
    private final ChatStore store;
    private final Cluster cluster;
    private final ClusterPresence presence;
    private final EventAppliers appliers;
    /** The one owner of room, membership, session-identity and presence changes on this node. */
    private final SerialExecutor owner = new SerialExecutor();
    private final AtomicBoolean catchUpQueued = new AtomicBoolean();
    private final ExecutorService catchUps = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "chat-cluster-catch-up");
        thread.setDaemon(true);
        return thread;
    });

    public NodeEvents(RoomRegistry rooms, SessionRegistry sessions, Broadcaster broadcaster, ChatStore store,
                      Cluster cluster) {
        this.rooms = rooms;
        this.sessions = sessions;
        this.broadcaster = broadcaster;
        this.store = store;
        this.cluster = cluster;
        this.presence = new ClusterPresence(rooms, sessions, broadcaster, cluster);
        this.appliers = appliers();
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
                if (room != null) {
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
        if (!appliers.apply(event)) {
            log.warn("an event this node does not know: {}", event);
        }
    }

    /** The event types this node has an applier for. */
    Set<Class<? extends ClusterEvent>> appliedTypes() {
        return appliers.types();
    }

    private EventAppliers appliers() {
        return new EventAppliers()
                .on(RoomCreated.class, this::roomCreated)
                .on(RoomRemoved.class, this::roomRemoved)
                .on(RoomRenamed.class, this::roomRenamed)
                .on(MemberAdded.class, this::memberAdded)
                .on(MemberRemoved.class, this::memberRemoved)
                .on(TopicSet.class, this::topicSet)
                .on(MuteSet.class, this::muteSet)
                .on(MuteLifted.class, this::muteLifted)
                .on(FileAdded.class, this::fileAdded)
                .on(MessageChanged.class, this::messageChanged)
                .on(ReadMoved.class, read -> broadcaster.toUser(Names.key(read.user()),
                        new ReadMarked(read.room(), read.with(), read.seq())))
                .on(SessionsEnded.class, this::sessionsEnded)
                .on(UserDeleted.class, deleted -> userDeleted(deleted.user()))
                .on(UserRenamed.class, renamed -> userRenamed(renamed.user(), renamed.newName()))
                .on(AdminChanged.class, this::adminChanged)
                // these take their own path in remote(): messages to the broadcaster, presence and
                // catch-ups off the owner
                .routedElsewhere(MessageStored.class)
                .routedElsewhere(UserOnline.class)
                .routedElsewhere(UserOffline.class)
                .routedElsewhere(NodeRejoined.class);
    }

    private void roomCreated(RoomCreated created) {
        rooms.add(new RoomRecord(created.room(), created.owner(), "", created.privateRoom(), created.created(), 0));
    }

    private void roomRemoved(RoomRemoved removed) {
        Room room = rooms.find(removed.room());
        if (room != null) {
            RoomDeleted told = new RoomDeleted(room.name());
            for (String member : rooms.remove(room)) {
                broadcaster.toUser(member, told);
            }
        }
    }

    private void roomRenamed(RoomRenamed renamed) {
        Room room = rooms.find(renamed.room());
        if (room != null) {
            Room now = rooms.rename(room, renamed.newName());
            Renamed told = new Renamed("room", room.name(), now.name());
            for (String member : now.memberKeys()) {
                broadcaster.toUser(member, told);
            }
        }
    }

    private void memberAdded(MemberAdded added) {
        Room room = rooms.find(added.room());
        if (room != null && rooms.addMember(room, added.user()) && added.announce()) {
            broadcaster.toRoom(room, new Presence(room.name(), added.user(), Presence.JOIN),
                    added.toNewMember() ? null : Names.key(added.user()));
        }
    }

    private void memberRemoved(MemberRemoved removed) {
        Room room = rooms.find(removed.room());
        String key = Names.key(removed.user());
        if (room != null && rooms.removeMember(room, key)) {
            if (removed.kickedBy() != null) {
                broadcaster.toUser(key, new Kicked(room.name(), removed.kickedBy(), removed.reason()));
            }
            broadcaster.toRoom(room, new Presence(room.name(), removed.user(), Presence.LEAVE), key);
        }
    }

    private void topicSet(TopicSet topic) {
        Room room = rooms.find(topic.room());
        if (room != null) {
            room.topic(topic.topic());
            broadcaster.toRoom(room, new TopicChanged(room.name(), topic.topic(), topic.by()), null);
        }
    }

    private void muteSet(MuteSet mute) {
        Room room = rooms.find(mute.room());
        if (room != null) {
            String key = Names.key(mute.user());
            room.mute(key, mute.until() == null ? Long.MAX_VALUE : mute.until());
            broadcaster.toUser(key, new Muted(room.name(), mute.by(), mute.until()));
        }
    }

    private void muteLifted(MuteLifted unmute) {
        Room room = rooms.find(unmute.room());
        if (room != null) {
            String key = Names.key(unmute.user());
            room.unmute(key);
            broadcaster.toUser(key, new Unmuted(room.name(), unmute.by()));
        }
    }

    private void fileAdded(FileAdded file) {
        Room room = rooms.find(file.room());
        if (room != null) {
            broadcaster.toRoom(room, new FileShared(room.name(), file.fileId(), file.name(),
                    file.size(), file.from(), file.ts()), null);
        }
    }

    private void sessionsEnded(SessionsEnded ended) {
        for (Session session : sessions.sessionsOf(Names.key(ended.user()))) {
            if (ended.exceptToken() == null || !ended.exceptToken().equals(session.tokenHash())) {
                session.close(ended.reason());
            }
        }
    }

    private void adminChanged(AdminChanged changed) {
        for (Session session : sessions.sessionsOf(Names.key(changed.user()))) {
            session.admin(changed.admin());
        }
    }

    /** Tells the members of a room, or both users of a direct conversation, of an edit or delete. */
    private void messageChanged(MessageChanged changed) {
        if (changed.room() != null) {
            Room room = rooms.find(changed.room());
            if (room != null) {
                broadcaster.toRoom(room, changeEvent(changed, room.name(), null), null);
            }
            return;
        }
        String fromKey = Names.key(changed.from());
        String toKey = Names.key(changed.to());
        broadcaster.toUser(fromKey, changeEvent(changed, null, changed.to()));
        if (!fromKey.equals(toKey)) {
            broadcaster.toUser(toKey, changeEvent(changed, null, changed.from()));
        }
    }

    private static Event changeEvent(MessageChanged changed, String room, String with) {
        return changed.deletedBy() != null
                ? new MessageDeleted(room, with, changed.seq(), changed.deletedBy())
                : new MessageEdited(room, with, changed.seq(), changed.text(), changed.editedTs());
    }

    private void userDeleted(String user) {
        String key = Names.key(user);
        List<Room> userRooms = rooms.roomsOf(key);
        rooms.removeUser(key);
        for (Session gone : sessions.sessionsOf(key)) {
            gone.close(Bye.DELETED);
        }
        for (Room room : userRooms) {
            broadcaster.toRoom(room, new Presence(room.name(), user, Presence.LEAVE), key);
        }
    }

    private void userRenamed(String user, String newName) {
        String oldKey = Names.key(user);
        String newKey = Names.key(newName);
        rooms.renameUser(user, newName);
        for (Session renamed : sessions.sessionsOf(oldKey)) {
            renamed.renamed(newName, newKey);
        }
        sessions.rename(oldKey, newKey);
        presence.renamed(oldKey, newKey, newName);
        // the user's own sessions and those of everyone sharing a room hear of it
        Set<Session> audience = new HashSet<>(sessions.sessionsOf(newKey));
        for (Room room : rooms.roomsOf(newKey)) {
            for (String member : room.memberKeys()) {
                audience.addAll(sessions.sessionsOf(member));
            }
        }
        Renamed told = new Renamed("user", user, newName);
        audience.forEach(session -> session.send(told));
    }

    /** Stops catching up and filling gaps; the cluster itself is closed by its owner. */
    public void close() {
        catchUps.shutdownNow();
        broadcaster.close();
    }
}

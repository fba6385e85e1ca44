package chatroom.server.cluster;

import chatroom.codec.message.Bye;
import chatroom.codec.message.Event;
import chatroom.codec.message.FileShared;
import chatroom.codec.message.Kicked;
import chatroom.codec.message.MessageDeleted;
import chatroom.codec.message.MessageEdited;
import chatroom.codec.message.Muted;
import chatroom.codec.message.Presence;
import chatroom.codec.message.ReadMarked;
import chatroom.codec.message.Renamed;
import chatroom.codec.message.RoomDeleted;
import chatroom.codec.message.TopicChanged;
import chatroom.codec.message.Unmuted;
import chatroom.server.cluster.ClusterEvent.AdminChanged;
import chatroom.server.cluster.ClusterEvent.FileAdded;
import chatroom.server.cluster.ClusterEvent.MemberAdded;
import chatroom.server.cluster.ClusterEvent.MemberRemoved;
import chatroom.server.cluster.ClusterEvent.MessageChanged;
import chatroom.server.cluster.ClusterEvent.MessageStored;
import chatroom.server.cluster.ClusterEvent.MuteLifted;
import chatroom.server.cluster.ClusterEvent.MuteSet;
import chatroom.server.cluster.ClusterEvent.NodeRejoined;
import chatroom.server.cluster.ClusterEvent.ReadMoved;
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
import chatroom.server.store.Names;
import chatroom.server.store.RoomRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What each kind of {@link ClusterEvent} does to this node: its rooms, members, topics and mutes in
 * memory, its sessions' identities, and what their clients are told. One method per event, found
 * through a type-to-method table ({@link EventAppliers}). Runs on {@link NodeEvents}' owner only.
 */
final class ClusterEventApplier {

    private final RoomRegistry rooms;
    private final SessionRegistry sessions;
    private final Broadcaster broadcaster;
    private final ClusterPresence presence;
    private final EventAppliers appliers;

    ClusterEventApplier(RoomRegistry rooms, SessionRegistry sessions, Broadcaster broadcaster,
                        ClusterPresence presence) {
        this.rooms = rooms;
        this.sessions = sessions;
        this.broadcaster = broadcaster;
        this.presence = presence;
        this.appliers = table();
    }

    /** Applies the event; false when its type has no entry. */
    boolean apply(ClusterEvent event) {
        return appliers.apply(event);
    }

    /** The event types with an entry. */
    Set<Class<? extends ClusterEvent>> types() {
        return appliers.types();
    }

    private EventAppliers table() {
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
}

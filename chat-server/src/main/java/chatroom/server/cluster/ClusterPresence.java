package chatroom.server.cluster;

import chatroom.codec.message.Presence;
import chatroom.server.cluster.ClusterEvent.UserOffline;
import chatroom.server.cluster.ClusterEvent.UserOnline;
import chatroom.server.room.Broadcaster;
import chatroom.server.room.Room;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is online across nodes: a user is online while it has a session on any node. This node's
 * sessions are in the {@link SessionRegistry}; the other nodes' users come from their online and
 * offline events and from the periodic re-read of what each node lists in Redis. Members hear
 * {@code presence online} when a user's first session anywhere begins and {@code offline} when
 * its last one ends, unless the room has more than {@code presenceMaxMembers}: each event goes to
 * every session of every member, so in one big room a restart of N users would cost N² events.
 */
final class ClusterPresence {

    private final RoomRegistry rooms;
    private final SessionRegistry sessions;
    private final Broadcaster broadcaster;
    private final Cluster cluster;
    /** Users online on other nodes: node id to user key to display name. */
    private final Map<String, Map<String, String>> remoteUsers = new ConcurrentHashMap<>();
    /** When an online or offline event of a node's user was applied ("node\0userKey" to nanoTime); under remoteUsers' lock. */
    private final Map<String, Long> presenceEventAt = new HashMap<>();
    /** Rooms of more members are not told; 0: every room is. */
    private final int presenceMaxMembers;

    ClusterPresence(RoomRegistry rooms, SessionRegistry sessions, Broadcaster broadcaster, Cluster cluster,
                    int presenceMaxMembers) {
        this.rooms = rooms;
        this.presenceMaxMembers = presenceMaxMembers;
        this.sessions = sessions;
        this.broadcaster = broadcaster;
        this.cluster = cluster;
    }

    /** A session logged in and was registered: presence when it is the user's first on any node. */
    void sessionStarted(Session session, boolean firstHere) {
        if (!firstHere) {
            return;
        }
        if (!onlineElsewhere(session.userKey())) {
            presence(session.userKey(), session.user(), Presence.ONLINE);
        }
        cluster.localUserOnline(session.userKey(), session.user());
        cluster.publish(new UserOnline(session.user(), cluster.nodeId()));
    }

    /** A session ended; {@code lastHere}: it was the user's last on this node. */
    void sessionEnded(Session session, boolean lastHere) {
        if (!lastHere) {
            return;
        }
        if (!onlineElsewhere(session.userKey())) {
            presence(session.userKey(), session.user(), Presence.OFFLINE);
        }
        cluster.localUserOffline(session.userKey());
        cluster.publish(new UserOffline(session.user(), cluster.nodeId()));
    }

    /** Whether the user has a session on any node. */
    boolean isOnline(String userKey) {
        return sessions.isOnline(userKey) || onlineElsewhere(userKey);
    }

    /** Display names of the users with a session on any node. */
    List<String> onlineUsers() {
        Map<String, String> online = new HashMap<>();
        for (Map<String, String> users : remoteUsers.values()) {
            online.putAll(users);
        }
        for (String name : sessions.onlineUsers()) {
            online.put(Names.key(name), name);
        }
        return new ArrayList<>(online.values());
    }

    private boolean onlineElsewhere(String userKey) {
        for (Map<String, String> users : remoteUsers.values()) {
            if (users.containsKey(userKey)) {
                return true;
            }
        }
        return false;
    }

    private void presence(String userKey, String name, String kind) {
        for (Room room : rooms.roomsOf(userKey)) {
            if (presenceMaxMembers == 0 || room.memberCount() <= presenceMaxMembers) {
                broadcaster.toRoom(room, new Presence(room.name(), name, kind), userKey);
            }
        }
    }

    /** A user's first session on another node began. */
    void online(UserOnline online) {
        String key = Names.key(online.user());
        synchronized (remoteUsers) {
            boolean wasOnline = isOnline(key);
            remoteUsers.computeIfAbsent(online.node(), node -> new ConcurrentHashMap<>()).put(key, online.user());
            presenceEventAt.put(online.node() + '\u0000' + key, System.nanoTime());
            if (!wasOnline) {
                presence(key, online.user(), Presence.ONLINE);
            }
        }
    }

    /** A user's last session on another node ended. */
    void offline(UserOffline offline) {
        String key = Names.key(offline.user());
        synchronized (remoteUsers) {
            presenceEventAt.put(offline.node() + '\u0000' + key, System.nanoTime());
            Map<String, String> users = remoteUsers.get(offline.node());
            if (users != null && users.remove(key) != null && !isOnline(key)) {
                presence(key, offline.user(), Presence.OFFLINE);
            }
        }
    }

    /** A user was renamed: its entries on other nodes follow. */
    void renamed(String oldKey, String newKey, String newName) {
        synchronized (remoteUsers) {
            for (Map<String, String> users : remoteUsers.values()) {
                if (users.remove(oldKey) != null) {
                    users.put(newKey, newName);
                }
            }
        }
    }

    /** See {@link Cluster.Listener#remoteUsers}. */
    void remoteUsers(Map<String, Map<String, String>> usersByNode, long readStartedNanos) {
        synchronized (remoteUsers) {
            Map<String, String> before = remoteOnline();
            Map<String, Map<String, String>> next = new HashMap<>();
            usersByNode.forEach((node, users) -> next.put(node, new ConcurrentHashMap<>(users)));
            // an online or offline event applied after the read began is newer than what was read
            presenceEventAt.forEach((nodeAndUser, at) -> {
                if (at - readStartedNanos < 0) {
                    return;
                }
                int split = nodeAndUser.indexOf('\u0000');
                String node = nodeAndUser.substring(0, split);
                String key = nodeAndUser.substring(split + 1);
                String name = remoteUsers.getOrDefault(node, Map.of()).get(key);
                Map<String, String> users = next.get(node);
                if (name != null) {
                    next.computeIfAbsent(node, n -> new ConcurrentHashMap<>()).put(key, name);
                } else if (users != null) {
                    users.remove(key);
                }
            });
            presenceEventAt.values().removeIf(at -> at - readStartedNanos < 0);
            remoteUsers.keySet().retainAll(next.keySet());
            remoteUsers.putAll(next);
            Map<String, String> after = remoteOnline();
            // a node that stopped without a word: its users go offline, unless they have a session elsewhere
            before.forEach((key, name) -> {
                if (!after.containsKey(key) && !sessions.isOnline(key)) {
                    presence(key, name, Presence.OFFLINE);
                }
            });
            after.forEach((key, name) -> {
                if (!before.containsKey(key) && !sessions.isOnline(key)) {
                    presence(key, name, Presence.ONLINE);
                }
            });
        }
    }

    private Map<String, String> remoteOnline() {
        Map<String, String> online = new HashMap<>();
        remoteUsers.values().forEach(online::putAll);
        return online;
    }
}

package chatroom.server.room;

import chatroom.server.store.Names;
import chatroom.server.store.RoomRecord;
import chatroom.server.store.StoreSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every room by key, and every user's rooms, in memory. Loaded from the store at start-up and kept
 * in step with it by the request handlers (which change memory only after the store committed).
 *
 * <p>Threading: changed only on {@code NodeEvents}' serial owner (a rename copies the room and two
 * maps change together, so concurrent writers would lose members); read from any thread.
 */
public final class RoomRegistry {

    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> roomsByUser = new ConcurrentHashMap<>();

    public static RoomRegistry from(StoreSnapshot snapshot) {
        RoomRegistry registry = new RoomRegistry();
        for (RoomRecord record : snapshot.rooms()) {
            Room room = registry.add(record);
            for (String member : snapshot.membersByRoomKey().getOrDefault(room.key(), List.of())) {
                registry.addMember(room, member);
            }
            snapshot.mutesByRoomKey().getOrDefault(room.key(), Map.of())
                    .forEach((userKey, until) -> room.mute(userKey, until == 0 ? Long.MAX_VALUE : until));
        }
        return registry;
    }

    /** Adds a room that the store created. */
    public Room add(RoomRecord record) {
        Room room = new Room(record.name(), record.owner(), record.topic(), record.privateRoom(), record.latestSeq());
        Room existing = rooms.putIfAbsent(room.key(), room);
        return existing == null ? room : existing;
    }

    /** A room by name (any case), or null. */
    public Room find(String name) {
        return rooms.get(Names.key(name));
    }

    /** A room by its conversation key ({@code r:<room key>}), or null. */
    public Room findByConversation(String conversationKey) {
        return rooms.get(conversationKey.substring(2));
    }

    public Collection<Room> all() {
        return rooms.values();
    }

    /** @return true when the user was not a member before */
    public boolean addMember(Room room, String userDisplayName) {
        String userKey = Names.key(userDisplayName);
        roomsByUser.computeIfAbsent(userKey, key -> ConcurrentHashMap.newKeySet()).add(room.key());
        return room.addMember(userKey, userDisplayName);
    }

    /** @return true when the user was a member */
    public boolean removeMember(Room room, String userKey) {
        Set<String> userRooms = roomsByUser.get(userKey);
        if (userRooms != null) {
            userRooms.remove(room.key());
        }
        return room.removeMember(userKey);
    }

    /** The rooms a user is a member of. */
    public List<Room> roomsOf(String userKey) {
        List<Room> result = new ArrayList<>();
        for (String roomKey : roomsByUser.getOrDefault(userKey, Set.of())) {
            Room room = rooms.get(roomKey);
            if (room != null) {
                result.add(room);
            }
        }
        return result;
    }

    /** Forgets a deleted room; returns the keys of its members. */
    public List<String> remove(Room room) {
        rooms.remove(room.key(), room);
        List<String> members = new ArrayList<>(room.memberKeys());
        for (String member : members) {
            Set<String> userRooms = roomsByUser.get(member);
            if (userRooms != null) {
                userRooms.remove(room.key());
            }
        }
        return members;
    }

    /** Replaces a room by the same room under a new name; returns the new one. */
    public Room rename(Room room, String newName) {
        Room renamed = room.renamed(newName);
        rooms.remove(room.key(), room);
        rooms.put(renamed.key(), renamed);
        for (String member : renamed.memberKeys()) {
            Set<String> userRooms = roomsByUser.computeIfAbsent(member, key -> ConcurrentHashMap.newKeySet());
            userRooms.remove(room.key());
            userRooms.add(renamed.key());
        }
        return renamed;
    }

    /** A user has a new name: memberships, mutes and owned rooms follow. */
    public void renameUser(String oldName, String newName) {
        String oldKey = Names.key(oldName);
        String newKey = Names.key(newName);
        for (Room room : rooms.values()) {
            room.renameMember(oldKey, newKey, newName);
            if (room.isOwner(oldKey)) {
                room.owner(newName);
            }
        }
        Set<String> userRooms = roomsByUser.remove(oldKey);
        if (userRooms != null) {
            roomsByUser.put(newKey, userRooms);
        }
    }

    /** A user is gone: out of every room. */
    public void removeUser(String userKey) {
        for (Room room : roomsOf(userKey)) {
            removeMember(room, userKey);
        }
        roomsByUser.remove(userKey);
    }

    /**
     * Makes memory match the store again (after this node may have missed other nodes' events):
     * rooms, topics and members as stored, quietly, without events to anyone.
     */
    public void reconcile(StoreSnapshot snapshot) {
        Set<String> stored = new HashSet<>();
        for (RoomRecord record : snapshot.rooms()) {
            Room room = add(record);
            stored.add(room.key());
            room.topic(record.topic());
            List<String> members = snapshot.membersByRoomKey().getOrDefault(room.key(), List.of());
            Set<String> memberKeys = new HashSet<>();
            for (String member : members) {
                memberKeys.add(Names.key(member));
                addMember(room, member);
            }
            for (String key : List.copyOf(room.memberKeys())) {
                if (!memberKeys.contains(key)) {
                    removeMember(room, key);
                }
            }
        }
        for (Room room : List.copyOf(rooms.values())) {
            if (!stored.contains(room.key())) {
                remove(room);
            }
        }
    }

    /** Members of every room, for tests and diagnostics. */
    Map<String, Room> view() {
        return rooms;
    }
}

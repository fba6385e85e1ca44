package chatroom.server.room;

import chatroom.server.store.Conversation;
import chatroom.server.store.Names;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A room as the server keeps it in memory: its members (user key to display name), owner, topic
 * and delivery order. The store holds the same durably; this copy is what requests and fan-out read.
 *
 * <p>Threading: members, owner, topic and mutes change only on {@code NodeEvents}' serial owner
 * (an expired mute may be dropped by any reader); any thread may read.
 */
public final class Room {

    private final String name;
    private final String key;
    private final Conversation conversation;
    private final boolean privateRoom;
    private final ConcurrentHashMap<String, String> members = new ConcurrentHashMap<>();
    /** Muted members: user key to the end of the mute in epoch ms, {@link Long#MAX_VALUE} for "until unmuted". */
    private final ConcurrentHashMap<String, Long> mutedUntil = new ConcurrentHashMap<>();
    private final ConversationOrder order;
    /** Counts the changes to {@link #members}; see {@link #membershipChanges}. */
    private final AtomicInteger membershipChanges = new AtomicInteger();
    private volatile String owner;
    private volatile String topic;

    public Room(String name, String owner, String topic, boolean privateRoom, long latestSeq) {
        this.name = name;
        this.key = Names.key(name);
        this.conversation = Conversation.room(name);
        this.owner = owner;
        this.topic = topic == null ? "" : topic;
        this.privateRoom = privateRoom;
        this.order = new ConversationOrder(conversation.key(), latestSeq);
    }

    public String name() {
        return name;
    }

    public String key() {
        return key;
    }

    public Conversation conversation() {
        return conversation;
    }

    /** The owner's display name, or null (the lobby has none). */
    public String owner() {
        return owner;
    }

    public boolean isOwner(String userKey) {
        String current = owner;
        return current != null && Names.key(current).equals(userKey);
    }

    public String topic() {
        return topic;
    }

    public void topic(String topic) {
        this.topic = topic;
    }

    public boolean isPrivate() {
        return privateRoom;
    }

    /** The latest seq handed to this node's members (with several nodes, the store may be ahead for a moment). */
    public long latestSeq() {
        return order.delivered();
    }

    ConversationOrder order() {
        return order;
    }

    public boolean isMember(String userKey) {
        return members.containsKey(userKey);
    }

    /** @return true when the user was not a member before */
    public boolean addMember(String userKey, String displayName) {
        boolean added = members.putIfAbsent(userKey, displayName) == null;
        if (added) {
            membershipChanges.incrementAndGet();
        }
        return added;
    }

    /** @return true when the user was a member */
    public boolean removeMember(String userKey) {
        boolean removed = members.remove(userKey) != null;
        if (removed) {
            membershipChanges.incrementAndGet();
        }
        return removed;
    }

    /** Member user keys (a live view). */
    public Collection<String> memberKeys() {
        return members.keySet();
    }

    /** Display name of a member, or null. */
    public String memberName(String userKey) {
        return members.get(userKey);
    }

    /** A number that changes whenever a member joins, leaves or is renamed. */
    int membershipChanges() {
        return membershipChanges.get();
    }

    public int memberCount() {
        return members.size();
    }

    public void owner(String owner) {
        this.owner = owner;
    }

    /** Mutes a member until {@code untilMs}, or {@link Long#MAX_VALUE} for "until unmuted". */
    public void mute(String userKey, long untilMs) {
        mutedUntil.put(userKey, untilMs);
    }

    public void unmute(String userKey) {
        mutedUntil.remove(userKey);
    }

    /** When a member's mute ends (epoch ms; {@link Long#MAX_VALUE}: when unmuted), or 0 when not muted at {@code nowMs}. */
    public long mutedUntil(String userKey, long nowMs) {
        Long until = mutedUntil.get(userKey);
        if (until == null) {
            return 0;
        }
        if (until <= nowMs) {
            mutedUntil.remove(userKey, until);
            return 0;
        }
        return until;
    }

    /** This room under another name, with the same members, mutes, topic and seq. */
    Room renamed(String newName) {
        Room copy = new Room(newName, owner, topic, privateRoom, order.delivered());
        copy.members.putAll(members);
        copy.mutedUntil.putAll(mutedUntil);
        return copy;
    }

    /** Moves a member to a new name (the user was renamed). */
    void renameMember(String oldKey, String newKey, String newName) {
        if (members.remove(oldKey) != null) {
            members.put(newKey, newName);
            membershipChanges.incrementAndGet();
        }
        Long until = mutedUntil.remove(oldKey);
        if (until != null) {
            mutedUntil.put(newKey, until);
        }
    }
}

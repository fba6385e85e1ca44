package chatroom.server.cluster;

import chatroom.server.store.Conversation;
import chatroom.server.store.StoredMessage;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Something that happened on one node that every node must apply to its own memory and members.
 * Serialized as JSON with a {@code kind} for Redis; the kind names, not the record names, are the
 * format between nodes, so a record may be renamed without breaking a rolling upgrade. Record names
 * differ from the protocol's event records ({@code chatroom.codec.message}) so that both can be
 * imported side by side. User fields hold display names.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClusterEvent.MessageStored.class, name = "message"),
        @JsonSubTypes.Type(value = ClusterEvent.RoomCreated.class, name = "room_created"),
        @JsonSubTypes.Type(value = ClusterEvent.MemberAdded.class, name = "member_added"),
        @JsonSubTypes.Type(value = ClusterEvent.MemberRemoved.class, name = "member_removed"),
        @JsonSubTypes.Type(value = ClusterEvent.TopicSet.class, name = "topic"),
        @JsonSubTypes.Type(value = ClusterEvent.MuteSet.class, name = "mute"),
        @JsonSubTypes.Type(value = ClusterEvent.MuteLifted.class, name = "unmute"),
        @JsonSubTypes.Type(value = ClusterEvent.FileAdded.class, name = "file"),
        @JsonSubTypes.Type(value = ClusterEvent.UserOnline.class, name = "online"),
        @JsonSubTypes.Type(value = ClusterEvent.UserOffline.class, name = "offline"),
        @JsonSubTypes.Type(value = ClusterEvent.SessionsEnded.class, name = "sessions_ended"),
        @JsonSubTypes.Type(value = ClusterEvent.UserDeleted.class, name = "user_deleted"),
        @JsonSubTypes.Type(value = ClusterEvent.UserRenamed.class, name = "user_renamed"),
        @JsonSubTypes.Type(value = ClusterEvent.AdminChanged.class, name = "admin_changed"),
        @JsonSubTypes.Type(value = ClusterEvent.RoomRemoved.class, name = "room_deleted"),
        @JsonSubTypes.Type(value = ClusterEvent.RoomRenamed.class, name = "room_renamed"),
        @JsonSubTypes.Type(value = ClusterEvent.NodeRejoined.class, name = "node_rejoined"),
        @JsonSubTypes.Type(value = ClusterEvent.ReadMoved.class, name = "read"),
        @JsonSubTypes.Type(value = ClusterEvent.MessageChanged.class, name = "message_changed"),
})
public sealed interface ClusterEvent {

    /** The room this event belongs to (its channel), or null for an event about a user or a node. */
    default String room() {
        return null;
    }

    /** The user whose channel carries an event that belongs to no room (the sender of a direct message). */
    default String user() {
        return null;
    }

    /** A committed message (room or direct); {@code mentions} null or empty when it mentions nobody. */
    record MessageStored(String conv, long seq, long ts, String from, String to, String text, String cid,
                         List<String> mentions) implements ClusterEvent {

        public MessageStored(String conv, long seq, long ts, String from, String to, String text, String cid) {
            this(conv, seq, ts, from, to, text, cid, null);
        }

        public static MessageStored of(StoredMessage m) {
            return new MessageStored(m.conversation().key(), m.seq(), m.ts(), m.from(), m.to(), m.text(), m.cid(),
                    m.mentions().isEmpty() ? null : m.mentions());
        }

        public StoredMessage toStored() {
            return new StoredMessage(new Conversation(conv), seq, ts, from, to, text, cid, mentions, null, false);
        }

        @Override
        public String room() {
            return conv.startsWith("r:") ? conv.substring(2) : null;
        }

        @Override
        public String user() {
            return from;
        }
    }

    record RoomCreated(String room, String owner, boolean privateRoom, long created) implements ClusterEvent {
    }

    /**
     * A user became a member. {@code announce}: whether members hear {@code presence join};
     * {@code toNewMember}: whether the new member's own sessions hear it too (an invitation).
     * {@code since}: for an invitation, the room's latest seq before it was stored; the new member's
     * sessions get every message after it, live or from the store (null from a node before this field).
     */
    record MemberAdded(String room, String user, boolean announce, boolean toNewMember, Long since)
            implements ClusterEvent {

        public MemberAdded(String room, String user, boolean announce, boolean toNewMember) {
            this(room, user, announce, toNewMember, null);
        }
    }

    /** A member left, or was kicked ({@code kickedBy} not null). */
    record MemberRemoved(String room, String user, String kickedBy, String reason) implements ClusterEvent {
    }

    record TopicSet(String room, String topic, String by) implements ClusterEvent {
    }

    /** {@code until}: epoch ms, or null for "until unmuted". */
    record MuteSet(String room, String user, Long until, String by) implements ClusterEvent {
    }

    record MuteLifted(String room, String user, String by) implements ClusterEvent {
    }

    /** A file was uploaded to a room (members hear the protocol's {@code file_shared}). */
    record FileAdded(String room, String fileId, String name, long size, String from, long ts)
            implements ClusterEvent {
    }

    /** The user's first session on {@code node}. */
    record UserOnline(String user, String node) implements ClusterEvent {
    }

    /** The user's last session on {@code node} ended. */
    record UserOffline(String user, String node) implements ClusterEvent {
    }

    /**
     * Every session of the user ends with {@code bye {reason}} (ban, password reset), but the one
     * with {@code exceptToken} (the hash of the token of the session that asked), when not null.
     */
    record SessionsEnded(String user, String reason, String exceptToken) implements ClusterEvent {
    }

    record UserDeleted(String user) implements ClusterEvent {
    }

    record UserRenamed(String user, String newName) implements ClusterEvent {
    }

    /** The account's admin rights were granted or revoked: its live sessions have them, or not, at once. */
    record AdminChanged(String user, boolean admin) implements ClusterEvent {
    }

    /** A room was deleted (members hear the protocol's {@code room_deleted}). */
    record RoomRemoved(String room) implements ClusterEvent {
    }

    record RoomRenamed(String room, String newName) implements ClusterEvent {
    }

    /**
     * A user's read marker moved ({@code room}, or the direct conversation {@code with} that user):
     * the user's sessions on other nodes hear {@code read}; on the node that stored it, the other
     * sessions of the user heard it already.
     */
    record ReadMoved(String user, String room, String with, long seq) implements ClusterEvent {
    }

    /**
     * A stored message was edited ({@code text}, {@code editedTs}) or deleted ({@code deletedBy} not
     * null). In a room ({@code room}), its members hear it; a direct message ({@code room} null) is
     * heard by both parties, {@code from} (the user who changed it) and {@code to}. In a room,
     * {@code from} is that user too.
     */
    record MessageChanged(String room, String from, String to, long seq, String text, Long editedTs,
                          String deletedBy) implements ClusterEvent {

        @Override
        public String user() {
            return from;
        }
    }

    /**
     * A node's connection to Redis came back: what it published meanwhile was lost, so every node
     * catches up from the store (a node whose own connection never dropped would not know).
     */
    record NodeRejoined(String node) implements ClusterEvent {
    }
}

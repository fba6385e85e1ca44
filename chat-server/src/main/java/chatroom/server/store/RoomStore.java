package chatroom.server.store;

import java.util.concurrent.CompletableFuture;

/**
 * Rooms and what belongs to each: members, topic, mutes; deleting and renaming a room. The server
 * keeps rooms in memory and reads them here only at start ({@link ChatStore#load}); these are the
 * writes that keep the stored copy in step. Same threading and failure rules as the {@link ChatStore}.
 */
public interface RoomStore {

    /** The name of the room every user belongs to from registration on. */
    String LOBBY = "lobby";

    /**
     * Creates a room owned by {@code owner}, who becomes its first member, in one transaction.
     * Fails with {@link RoomExistsException} when the name's key is taken.
     */
    CompletableFuture<RoomRecord> createRoom(String name, String owner, boolean privateRoom, long createdTs);

    /** Adds a membership; adding an existing one succeeds and changes nothing. */
    CompletableFuture<Void> addMember(String room, String user);

    /** Removes a membership; removing an absent one succeeds and changes nothing. */
    CompletableFuture<Void> removeMember(String room, String user);

    CompletableFuture<Void> setTopic(String room, String topic);

    /** Mutes a user in a room until {@code untilMs} (epoch ms; 0: until unmuted). */
    CompletableFuture<Void> setMute(String room, String user, long untilMs);

    CompletableFuture<Void> removeMute(String room, String user);

    /** Removes a room and its memberships; its messages and files are kept, detached from any room. */
    CompletableFuture<Void> deleteRoom(String room, long ts);

    /** Renames a room with its messages and files; fails with {@link RoomExistsException} when taken. */
    CompletableFuture<Void> renameRoom(String room, String newName);
}

package chatroom.server.store;

/** A stored room. {@code owner} is null for {@link ChatStore#LOBBY}; {@code latestSeq} 0 when empty. */
public record RoomRecord(String name, String owner, String topic, boolean privateRoom, long createdTs,
                         long latestSeq) {
}

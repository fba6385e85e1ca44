package chatroom.server.store;

/** The outcome of {@link ChatStore#append}: the stored message, and whether it was a cid duplicate. */
public record AppendResult(StoredMessage message, boolean duplicate) {
}

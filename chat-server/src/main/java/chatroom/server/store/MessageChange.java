package chatroom.server.store;

/** The outcome of an edit or delete: the message as it is now, and whether this request changed it. */
public record MessageChange(StoredMessage message, boolean changed) {
}

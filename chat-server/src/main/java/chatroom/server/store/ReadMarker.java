package chatroom.server.store;

/** A read marker after {@link ChatStore#markRead}: where it is now, and whether this call moved it. */
public record ReadMarker(long seq, boolean moved) {
}

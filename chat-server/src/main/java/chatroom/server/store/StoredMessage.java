package chatroom.server.store;

/** A message as stored, with the seq its conversation gave it. */
public record StoredMessage(Conversation conversation, long seq, long ts, String from, String to, String text,
                            String cid) {
}

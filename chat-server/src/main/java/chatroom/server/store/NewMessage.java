package chatroom.server.store;

/**
 * A message to store. {@code to} is the recipient's name for a direct message, null in a room.
 * Names are display names as the users registered them.
 */
public record NewMessage(Conversation conversation, long ts, String from, String to, String text, String cid) {
}

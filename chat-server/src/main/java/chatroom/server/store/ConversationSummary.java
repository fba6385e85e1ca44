package chatroom.server.store;

/**
 * One of a user's conversations for {@code conversations}: a room ({@code room} its name) or a
 * direct conversation ({@code peer} the other user's name); its latest {@code seq}, the user's
 * {@code read} marker, the messages after it that others sent and are not deleted ({@code unread}),
 * how many of those mention the user, and the latest message (null when there is none).
 */
public record ConversationSummary(Conversation conversation, String room, String peer, long seq, long read,
                                  long unread, long mentions, StoredMessage last) {
}

package chatroom.server.store;

/**
 * A search over what {@code userKey} may read: the rooms it is a member of and its direct
 * conversations, or only {@code scope} when not null (the caller checked the user may read it).
 * Newest first, {@code ts < before} when set, at most {@code limit}. A query shorter than
 * {@link SearchIndex#MIN_INDEXED_LENGTH} code points cannot use the trigram index: it looks at the
 * newest {@code shortQueryWindow} messages of each conversation only.
 */
public record SearchQuery(String userKey, Conversation scope, String text, Long before, int limit,
                          int shortQueryWindow) {
}

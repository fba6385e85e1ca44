package chatroom.server.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The messages of rooms and direct conversations: appending (with its seq), history, and protocol
 * section 10 (read markers, the conversation list, edits, deletes, search). Same threading and
 * failure rules as the {@link ChatStore}; new messages are announced through its
 * {@link CommitListener}.
 */
public interface MessageStore {

    /**
     * Stores a message with the next seq of its conversation (last + 1, starting at 1), assigned in
     * the transaction that stores it. When {@code message.cid()} is not null and the same sender
     * already stored that cid in that conversation, nothing is stored and the result is the original
     * message with {@code duplicate = true}.
     */
    CompletableFuture<AppendResult> append(NewMessage message);

    /**
     * Stored messages of a conversation in ascending seq: those with {@code after < seq < before}
     * (either bound may be null). With only {@code before} (or neither), the newest {@code limit} of
     * them; with {@code after}, the oldest {@code limit} after it.
     */
    CompletableFuture<List<StoredMessage>> history(Conversation conversation, Long before, Long after, int limit);

    /** The latest seq of a conversation, 0 when it has none. */
    CompletableFuture<Long> latestSeq(Conversation conversation);

    // ---- protocol section 10: never miss a message ----

    /**
     * Moves a user's read marker of a conversation forward to {@code seq} (never back). Fails with
     * {@link MessageChangeRefused} ({@code SEQ_BEYOND_LATEST}) past the latest seq.
     */
    CompletableFuture<ReadMarker> markRead(String userKey, Conversation conversation, long seq);

    /**
     * The user's rooms and direct conversations (those with a message), most recent activity first,
     * at most {@code limit}, with read markers and unread and mention counts.
     */
    CompletableFuture<ConversationPage> conversations(String userKey, int limit);

    /**
     * Replaces the text (and mentions) of a message; only its author ({@code editorKey}) may. Fails
     * with {@link MessageChangeRefused} when there is no such message, it is deleted, or the user is
     * not its author. The same text again changes nothing ({@code changed} false).
     */
    CompletableFuture<MessageChange> edit(Conversation conversation, long seq, String editorKey, String text,
                                          List<String> mentions, long ts);

    /**
     * Deletes a message's text, keeping its seq; its author may, and anyone when
     * {@code mayDeleteAnyones} (a room's owner, an admin). Deleting it again changes nothing.
     */
    CompletableFuture<MessageChange> delete(Conversation conversation, long seq, String actorKey,
                                            boolean mayDeleteAnyones);

    /** Messages matching a search, newest first, at most {@code limit + 1} of them. */
    CompletableFuture<List<StoredMessage>> search(SearchQuery query);
}

package chatroom.server.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Durable state of the chat service. Writes go through one writer thread that batches many
 * concurrent operations into one transaction (group commit); a write's future completes only after
 * its transaction committed. Reads run on their own threads. No method blocks its caller, so every
 * method may be called from an event loop; futures complete on store threads, never on the caller's.
 *
 * <p>Names are matched by key ({@link Names#key}): user and room names are unique ignoring case.
 * Failures complete the future exceptionally with {@link StoreException} (or one of its subclasses).
 */
public interface ChatStore extends AutoCloseable {

    /** The name of the room every user belongs to from registration on. */
    String LOBBY = "lobby";

    /**
     * Reads what the server keeps in memory: rooms (with latest seq) and their members. Blocks; called
     * at start-up before the server accepts connections, and by a cluster node that must catch up
     * after missing events. Creates {@link #LOBBY} if absent.
     */
    StoreSnapshot load();

    /**
     * Registers the listener that learns of every newly stored message, called on the writer thread
     * right after the commit, in commit order (so in seq order within a conversation), before the
     * {@link #append} future completes. Not called for a {@code cid} duplicate.
     */
    void setCommitListener(CommitListener listener);

    /**
     * Creates an account with a new id and makes it a member of {@link #LOBBY}, in one transaction.
     * Fails with {@link UserExistsException} when the name's key is taken: by an account, by a deleted
     * account's tombstone, or as a name an account had before a rename (it stays reserved for it).
     */
    CompletableFuture<UserRecord> createUser(String name, String passwordHash, long createdTs, boolean admin);

    /** {@link #createUser(String, String, long, boolean)} without admin rights. */
    default CompletableFuture<UserRecord> createUser(String name, String passwordHash, long createdTs) {
        return createUser(name, passwordHash, createdTs, false);
    }

    /** The live account of that name; never a deleted one. */
    CompletableFuture<Optional<UserRecord>> findUser(String name);

    /**
     * The account of that name, a deleted one's tombstone included: for reading a direct
     * conversation with an account that no longer exists.
     */
    CompletableFuture<Optional<UserRecord>> findAccount(String name);

    /**
     * Grants or revokes admin rights of a live account (no account of that name: nothing changes).
     * Revoking the last admin fails with {@link LastAdminException}.
     */
    CompletableFuture<Void> setAdmin(String user, boolean admin);

    CompletableFuture<Void> setBanned(String user, boolean banned);

    /** Stores a login token by its hash (never the token itself). */
    CompletableFuture<Void> saveToken(String tokenHash, String user, long expiresAtMs);

    /** The user a token hash belongs to, when it exists and has not expired at {@code nowMs}. */
    CompletableFuture<Optional<UserRecord>> findUserByToken(String tokenHash, long nowMs);

    CompletableFuture<Void> deleteToken(String tokenHash);

    /** Revokes every token of a user (ban). */
    CompletableFuture<Void> deleteTokensOf(String user);

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

    /** Mutes a user in a room until {@code untilMs} (epoch ms; 0: until unmuted). */
    CompletableFuture<Void> setMute(String room, String user, long untilMs);

    CompletableFuture<Void> removeMute(String room, String user);

    /** Sets a new password hash and revokes every token of the user. */
    CompletableFuture<Void> setPassword(String user, String passwordHash);

    /**
     * Deletes an account: its tokens, memberships, mutes and admin rights go, its password hash becomes
     * unusable, and a tombstone keeps its id and name so that neither is ever someone else's. Messages
     * it sent stay. Deleting the last admin fails with {@link LastAdminException}.
     */
    CompletableFuture<Void> deleteUser(String user);

    /**
     * Renames an account everywhere its name is referenced, its sent messages included; its id, and so
     * its direct conversations, stay. The old name stays reserved for the account. Fails with
     * {@link UserExistsException} when the new name is taken or reserved for another account.
     */
    CompletableFuture<Void> renameUser(String user, String newName);

    /** Removes a room and its memberships; its messages and files are kept, detached from any room. */
    CompletableFuture<Void> deleteRoom(String room, long ts);

    /** Renames a room with its messages and files; fails with {@link RoomExistsException} when taken. */
    CompletableFuture<Void> renameRoom(String room, String newName);

    /** Whether the store can write: for {@code /health}. */
    StoreHealth health();

    /** Records a file shared in a room (its bytes are already in the file store). */
    CompletableFuture<Void> addFile(FileRecord file);

    /**
     * Bytes of the files {@code uploader} shared, and of all shared files, for the file quotas. The
     * one place that says whose a file is: today its sender's name (renames carry files along).
     */
    CompletableFuture<FileBytes> fileBytes(String uploader);

    /** The files shared in a room, oldest first. */
    CompletableFuture<List<FileRecord>> files(String room);

    /** One shared file, by id. */
    CompletableFuture<Optional<FileRecord>> file(String fileId);

    /** Finishes queued writes (they commit) and closes the database. Blocks. */
    @Override
    void close();

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

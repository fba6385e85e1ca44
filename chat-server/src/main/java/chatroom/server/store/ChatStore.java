package chatroom.server.store;

/**
 * Durable state of the chat service: the four kinds of data ({@link UserStore}, {@link RoomStore},
 * {@link MessageStore}, {@link FileIndex}) plus start-up, health and shutdown. Writes go through one
 * writer thread that batches many concurrent operations into one transaction (group commit); a
 * write's future completes only after its transaction committed. Reads run on their own threads. No
 * method blocks its caller unless it says so, so every method may be called from an event loop;
 * futures complete on store threads, never on the caller's.
 *
 * <p>Names are matched by key ({@link Names#key}): user and room names are unique ignoring case.
 * Failures complete the future exceptionally with {@link StoreException} (or one of its subclasses).
 * A caller that needs one kind of data only takes that role's interface.
 */
public interface ChatStore extends UserStore, RoomStore, MessageStore, FileIndex, AutoCloseable {

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

    /** Whether the store can write: for {@code /health}. */
    StoreHealth health();

    /** Finishes queued writes (they commit) and closes the database. Blocks. */
    @Override
    void close();
}

package chatroom.server.store;

/** Learns of each newly committed message; see {@link ChatStore#setCommitListener}. */
@FunctionalInterface
public interface CommitListener {

    /** Called on the store's writer thread, once per message of a commit in seq order; must not block. */
    void committed(StoredMessage message);

    /**
     * Called on the writer thread after the {@link #committed} calls of one commit (a group of
     * messages), so a listener can hand the whole group on at once; must not block.
     */
    default void commitDone() {
    }
}

package chatroom.server.store;

/** Learns of each newly committed message; see {@link ChatStore#setCommitListener}. */
@FunctionalInterface
public interface CommitListener {

    /** Called on the store's writer thread; must not block. */
    void committed(StoredMessage message);
}

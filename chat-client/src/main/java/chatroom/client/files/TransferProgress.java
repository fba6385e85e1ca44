package chatroom.client.files;

/** Hears how far a transfer has come; called from the transfer's own thread. */
@FunctionalInterface
public interface TransferProgress {

    TransferProgress NONE = (done, total) -> { };

    void update(long doneBytes, long totalBytes);
}

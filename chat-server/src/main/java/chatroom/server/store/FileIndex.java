package chatroom.server.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the store knows of shared files: their metadata, by room and by id, and the byte counts the
 * quotas need. The bytes themselves live in the file store ({@code chatroom.server.files}). Same
 * threading and failure rules as the {@link ChatStore}.
 */
public interface FileIndex {

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
}

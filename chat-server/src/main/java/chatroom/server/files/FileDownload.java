package chatroom.server.files;

import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.ErrorReply;
import chatroom.codec.message.FileData;
import chatroom.server.session.Session;
import chatroom.server.store.FileRecord;
import java.util.Base64;

/**
 * Sends one file to one connection as {@code file_data} events, a chunk at a time: the next chunk
 * is read only when the connection has written what it had (its queue is empty and the socket is
 * writable), so a download never fills the server's memory and replies and room messages for the
 * same connection slip in between chunks. Runs on the connection's event loop; reads happen on
 * the file store's threads.
 */
public final class FileDownload {

    private final Session session;
    private final FileStore store;
    private final FileRecord file;
    private final int chunkSize;
    private long offset;

    public FileDownload(Session session, FileStore store, FileRecord file, long offset, int chunkSize) {
        this.session = session;
        this.store = store;
        this.file = file;
        this.offset = offset;
        this.chunkSize = chunkSize;
    }

    /** Starts sending; event loop only. */
    public void start() {
        next();
    }

    private void next() {
        if (!session.channel().isActive() || session.isClosing()) {
            return;
        }
        if (session.queuedBytes() > 0 || !session.channel().isWritable()) {
            session.whenDrained(this::next);
            return;
        }
        int length = (int) Math.min(chunkSize, file.size() - offset);
        if (length == 0) {
            session.send(new FileData(file.fileId(), offset, "", true));
            return;
        }
        store.read(file.sha256(), offset, length).whenComplete((bytes, error) -> session.eventLoop().execute(() -> {
            if (error != null) {
                session.send(new ErrorReply(null, ErrorCode.INTERNAL, "reading file " + file.fileId() + " failed"));
                return;
            }
            boolean last = offset + length >= file.size();
            session.send(new FileData(file.fileId(), offset, Base64.getEncoder().encodeToString(bytes), last));
            offset += length;
            if (!last) {
                next();
            }
        }));
    }
}

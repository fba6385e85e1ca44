package chatroom.server.files;

import java.io.IOException;

/**
 * Where the bytes of shared files live: the data directory of this node ({@link DiskFileBytes}, the
 * single-node default) or the shared PostgreSQL database ({@link PostgresFileBytes}, so that every
 * node of a cluster serves every file). Content-addressed by SHA-256 in both. Every method blocks:
 * {@link FileStore} calls them on its own threads, never on an event loop.
 */
interface FileBytes extends AutoCloseable {

    /** Starts receiving the bytes of upload {@code fileId} (a server-made random id). */
    Incoming begin(String fileId) throws IOException;

    /** Reads {@code length} bytes of the stored content {@code sha256} from {@code offset}. */
    byte[] read(String sha256, long offset, int length) throws IOException;

    /** Free bytes where files are kept, for the disk reserve of the file quotas. */
    long usableSpace() throws IOException;

    @Override
    void close();

    /** The bytes of one upload, as they arrive in order. */
    interface Incoming {

        void append(byte[] data) throws IOException;

        /** Keeps the bytes as content {@code sha256} (the caller verified it); one copy per content. */
        void keep(String sha256) throws IOException;

        /** Drops what was received; does nothing once kept or dropped. */
        void discard() throws IOException;
    }
}

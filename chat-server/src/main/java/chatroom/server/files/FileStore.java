package chatroom.server.files;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The bytes of shared files, content-addressed by SHA-256: in the data directory on a single node
 * ({@link #open}), in the shared PostgreSQL database when the store is PostgreSQL
 * ({@link #openInDatabase}), so every node of a cluster serves every file. An upload is verified
 * against its announced SHA-256 as it arrives and kept only when it matches. All disk and database
 * work runs on this store's own threads, never on an event loop.
 */
public final class FileStore implements AutoCloseable {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final int THREADS = 2;

    private final FileBytes bytes;
    private final ExecutorService io;
    /** Uploads begun and not yet kept or dropped: dropped when the store closes. */
    private final Set<Upload> unfinished = ConcurrentHashMap.newKeySet();

    private FileStore(FileBytes bytes) {
        this.bytes = bytes;
        AtomicInteger threads = new AtomicInteger();
        this.io = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "chat-files-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens (creating) the file area of a data directory; leftovers of interrupted uploads are removed. */
    public static FileStore open(Path dataDir) {
        return open(dataDir, "incoming");
    }

    /**
     * Opens the file area with uploads in progress in {@code files/INCOMING}: nodes of a cluster that
     * share one data directory each have their own, so one node's start never removes another's uploads.
     */
    public static FileStore open(Path dataDir, String incomingName) {
        return new FileStore(DiskFileBytes.open(dataDir, incomingName));
    }

    /**
     * Keeps file bytes in the PostgreSQL database of the store (already migrated), read by every node;
     * files stored in {@code dataDir} before are still served from there.
     *
     * @param nodeId this node's name: its uploads left behind by a crash are deleted now
     */
    public static FileStore openInDatabase(Path dataDir, String incomingName, String jdbcUrl, String user,
                                           String password, String nodeId) {
        DiskFileBytes before = DiskFileBytes.open(dataDir, incomingName);
        return new FileStore(PostgresFileBytes.open(jdbcUrl, user, password, THREADS, nodeId, before));
    }

    /** Whether a string is a SHA-256 in lower-case hex. */
    public static boolean isSha256(String value) {
        return value != null && SHA256.matcher(value).matches();
    }

    /** Starts an upload named by the (server-made) file id, holding {@code reservation} until it is stored or dropped. */
    public CompletableFuture<Upload> begin(String fileId, String room, String name, long size, String sha256,
                                           FileQuota.Reservation reservation) {
        if (!FILE_ID.matcher(fileId).matches() || !isSha256(sha256)) {
            throw new IllegalArgumentException("bad file id or checksum");
        }
        return run(() -> {
            Upload upload = new Upload(fileId, room, name, size, sha256, bytes.begin(fileId), sha256Digest(),
                    reservation);
            unfinished.add(upload);
            return upload;
        });
    }

    /** Free bytes where the files are kept, for the disk reserve of the file quotas. */
    public CompletableFuture<Long> usableSpace() {
        return run(bytes::usableSpace);
    }

    /** Appends the next piece of an upload; completes with the bytes received so far. */
    public CompletableFuture<Long> write(Upload upload, byte[] data) {
        return run(() -> {
            upload.incoming.append(data);
            upload.digest.update(data);
            upload.received += data.length;
            return upload.received;
        });
    }

    /**
     * Ends a complete upload: when the bytes' SHA-256 is the announced one they are kept under it
     * (once per content) and this completes true; otherwise everything is dropped and it completes false.
     */
    public CompletableFuture<Boolean> finish(Upload upload) {
        return run(() -> {
            try {
                String actual = HexFormat.of().formatHex(upload.digest.digest());
                if (!actual.equals(upload.sha256())) {
                    return false;
                }
                upload.incoming.keep(upload.sha256());
                return true;
            } finally {
                unfinished.remove(upload);
                upload.incoming.discard();
            }
        });
    }

    /** Drops an unfinished upload (its connection closed, or a write failed) and frees its reservation. */
    public void abandon(Upload upload) {
        upload.reservation().release();
        try {
            io.execute(() -> {
                try {
                    unfinished.remove(upload);
                    upload.incoming.discard();
                } catch (IOException ignored) {
                    // removed at the next start at the latest
                }
            });
        } catch (RejectedExecutionException closed) {
            // the store is closed: the next start removes the leftover
        }
    }

    /** Reads {@code length} bytes of a stored file from {@code offset}. */
    public CompletableFuture<byte[]> read(String sha256, long offset, int length) {
        if (!isSha256(sha256)) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return run(() -> bytes.read(sha256, offset, length));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    @FunctionalInterface
    private interface IoTask<T> {
        T call() throws IOException;
    }

    private <T> CompletableFuture<T> run(IoTask<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            io.execute(() -> {
                try {
                    future.complete(task.call());
                } catch (IOException | RuntimeException e) {
                    future.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new IOException("the file store is closed"));
        }
        return future;
    }

    /**
     * Stops the file threads once what was queued has run, drops the uploads still unfinished (their
     * connections are gone by now), then closes the database's connections. A node that stops this way
     * leaves no partial upload behind; one that crashes leaves it to its next start.
     */
    @Override
    public void close() {
        io.shutdown();
        try {
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Upload upload : unfinished) {
            try {
                upload.incoming.discard();
            } catch (IOException ignored) {
                // removed at the next start
            }
        }
        bytes.close();
    }
}

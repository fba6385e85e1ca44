package chatroom.server.files;

import chatroom.server.store.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The bytes of shared files, under {@code DATA_DIR/files}: each stored once, at a path made only of
 * its SHA-256 ({@code files/ab/cd/abcd...}), so no name a user chose ever reaches the file system
 * and two uploads of the same content share one copy. Uploads in progress live in
 * {@code files/incoming} under their random file id and are moved into place only when complete
 * and verified. All disk work runs on this store's own threads, never on an event loop. Folders
 * are created {@code 0700} and files {@code 0600} ({@link DataDirectory}).
 */
public final class FileStore implements AutoCloseable {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE_ID = Pattern.compile("[0-9a-f]{32}");

    private final Path root;
    private final Path incoming;
    private final ExecutorService io;

    private FileStore(Path root, Path incoming) {
        this.root = root;
        this.incoming = incoming;
        AtomicInteger threads = new AtomicInteger();
        this.io = Executors.newFixedThreadPool(2, r -> {
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
        Path root = dataDir.resolve("files");
        Path incoming = root.resolve(incomingName);
        try {
            DataDirectory.createPrivateDirectory(dataDir);
            DataDirectory.createPrivateDirectory(root);
            DataDirectory.createPrivateDirectory(incoming);
            try (Stream<Path> leftovers = Files.list(incoming)) {
                for (Path leftover : (Iterable<Path>) leftovers::iterator) {
                    Files.deleteIfExists(leftover);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + root + " for files: " + e.getMessage(), e);
        }
        return new FileStore(root, incoming);
    }

    /** Whether a string is a SHA-256 in lower-case hex. */
    public static boolean isSha256(String value) {
        return value != null && SHA256.matcher(value).matches();
    }

    /**
     * Starts an upload: an empty temporary file named by the (server-made) file id, holding
     * {@code reservation} until it is stored or dropped.
     */
    public CompletableFuture<Upload> begin(String fileId, String room, String name, long size, String sha256,
                                           FileQuota.Reservation reservation) {
        if (!FILE_ID.matcher(fileId).matches() || !isSha256(sha256)) {
            throw new IllegalArgumentException("bad file id or checksum");
        }
        return run(() -> {
            Path temp = incoming.resolve(fileId + ".part");
            FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    DataDirectory.fileAttributes());
            return new Upload(fileId, room, name, size, sha256, temp, channel, sha256Digest(), reservation);
        });
    }

    /** Free bytes on the disk that holds the files, for the disk reserve of the file quotas. */
    public CompletableFuture<Long> usableSpace() {
        return run(() -> Files.getFileStore(root).getUsableSpace());
    }

    /** Appends the next piece of an upload; completes with the bytes received so far. */
    public CompletableFuture<Long> write(Upload upload, byte[] data) {
        return run(() -> {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                upload.channel.write(buffer);
            }
            upload.digest.update(data);
            upload.received += data.length;
            return upload.received;
        });
    }

    /**
     * Ends a complete upload: when the bytes' SHA-256 is the announced one they are synced and moved
     * to their content address (or dropped if that content is already stored) and this completes
     * true; otherwise everything is deleted and it completes false.
     */
    public CompletableFuture<Boolean> finish(Upload upload) {
        return run(() -> {
            try {
                String actual = HexFormat.of().formatHex(upload.digest.digest());
                if (!actual.equals(upload.sha256())) {
                    return false;
                }
                upload.channel.force(true);
                upload.channel.close();
                Path target = blob(upload.sha256());
                Files.createDirectories(target.getParent(), DataDirectory.directoryAttributes());
                try {
                    Files.move(upload.temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException alreadyStored) {
                    // same content shared before: keep the stored copy
                }
                return true;
            } finally {
                upload.channel.close();
                Files.deleteIfExists(upload.temp);
            }
        });
    }

    /** Drops an unfinished upload (its connection closed, or a write failed) and frees its reservation. */
    public void abandon(Upload upload) {
        upload.reservation().release();
        try {
            io.execute(() -> {
                try {
                    upload.channel.close();
                    Files.deleteIfExists(upload.temp);
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
        return run(() -> {
            try (FileChannel channel = FileChannel.open(blob(sha256), StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocate(length);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + buffer.position()) < 0) {
                        throw new IOException("the stored file is shorter than recorded");
                    }
                }
                return buffer.array();
            }
        });
    }

    /** Where the bytes with this SHA-256 live; made only of hex digits, so it cannot leave the file area. */
    Path blob(String sha256) {
        if (!isSha256(sha256)) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
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

    @Override
    public void close() {
        io.shutdown();
    }
}

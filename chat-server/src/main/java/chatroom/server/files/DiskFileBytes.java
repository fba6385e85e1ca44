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
import java.util.Set;
import java.util.stream.Stream;

/**
 * File bytes under {@code DATA_DIR/files}: each content stored once, at a path made only of its
 * SHA-256 ({@code files/ab/cd/abcd...}), so no name a user chose ever reaches the file system and
 * two uploads of the same content share one copy. Uploads in progress live in {@code files/INCOMING}
 * under their random file id and are moved into place only when complete and verified. Folders are
 * created {@code 0700} and files {@code 0600} ({@link DataDirectory}).
 */
final class DiskFileBytes implements FileBytes {

    private final Path root;
    private final Path incoming;

    private DiskFileBytes(Path root, Path incoming) {
        this.root = root;
        this.incoming = incoming;
    }

    /** Opens (creating) the file area; leftovers of interrupted uploads in {@code files/INCOMING} are removed. */
    static DiskFileBytes open(Path dataDir, String incomingName) {
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
        return new DiskFileBytes(root, incoming);
    }

    @Override
    public Incoming begin(String fileId) throws IOException {
        Path temp = incoming.resolve(fileId + ".part");
        FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                DataDirectory.fileAttributes());
        return new TempFile(temp, channel);
    }

    /** An upload's bytes in a temporary file, moved to the content address when kept. */
    private final class TempFile implements Incoming {
        private final Path temp;
        private final FileChannel channel;

        TempFile(Path temp, FileChannel channel) {
            this.temp = temp;
            this.channel = channel;
        }

        @Override
        public void append(byte[] data) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void keep(String sha256) throws IOException {
            channel.force(true);
            channel.close();
            Path target = blob(sha256);
            Files.createDirectories(target.getParent(), DataDirectory.directoryAttributes());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException alreadyStored) {
                // same content shared before: keep the stored copy
                Files.deleteIfExists(temp);
            }
        }

        @Override
        public void discard() throws IOException {
            channel.close();
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public byte[] read(String sha256, long offset, int length) throws IOException {
        try (FileChannel channel = FileChannel.open(blob(sha256), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException("the stored file is shorter than recorded");
                }
            }
            return buffer.array();
        }
    }

    /** Whether content {@code sha256} is stored here. */
    boolean has(String sha256) {
        return Files.isRegularFile(blob(sha256));
    }

    @Override
    public long usableSpace() throws IOException {
        return Files.getFileStore(root).getUsableSpace();
    }

    /** Where the bytes with this SHA-256 live; made only of hex digits, so it cannot leave the file area. */
    Path blob(String sha256) {
        if (!FileStore.isSha256(sha256)) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    @Override
    public void close() {
    }
}

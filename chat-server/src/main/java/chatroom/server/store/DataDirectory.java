package chatroom.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps data at rest to the server's own account: the data directory and every folder in it are
 * created {@code 0700}, every file {@code 0600}, and an existing one that others could read is
 * tightened with a log line. Messages, password hashes, tokens and shared files live here, so
 * nobody else on the machine should read them. Where the file system has no POSIX permissions
 * (Windows), this does nothing and the folder's ACLs apply.
 */
public final class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    /** Creates a folder (and missing parents) owner-only, or tightens an existing one. */
    public static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            tighten(dir, DIRECTORY);
            return;
        }
        try {
            Files.createDirectories(dir, directoryAttributes());
        } catch (FileAlreadyExistsException raced) {
            // another node or thread made it meanwhile
        }
        tighten(dir, DIRECTORY); // createDirectories' attributes pass through the umask
    }

    /** Creates an empty owner-only file when absent, or tightens an existing one. */
    public static void createPrivateFile(Path file) throws IOException {
        try {
            Files.createFile(file, fileAttributes());
        } catch (FileAlreadyExistsException exists) {
            // kept as it is, but owner-only
        }
        tighten(file, FILE);
    }

    /** Tightens a file when it exists; nothing when it does not. */
    public static void tightenIfPresent(Path file) throws IOException {
        if (Files.exists(file)) {
            tighten(file, Files.isDirectory(file) ? DIRECTORY : FILE);
        }
    }

    /** Like {@link #createPrivateDirectory}, for start-up code that reports failures unchecked. */
    public static void createPrivateDirectoryUnchecked(Path dir) {
        try {
            createPrivateDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Attributes that create a file owner-only ({@code 0600}); none where POSIX permissions do not exist. */
    public static FileAttribute<?>[] fileAttributes() {
        return isPosix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    /** Attributes that create a folder owner-only ({@code 0700}); none where POSIX permissions do not exist. */
    public static FileAttribute<?>[] directoryAttributes() {
        return isPosix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIRECTORY)}
                : new FileAttribute<?>[0];
    }

    private static void tighten(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (!isPosix()) {
            return;
        }
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path);
        if (!actual.equals(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
            if (actual.stream().anyMatch(p -> !wanted.contains(p))) {
                log.info("tightened the permissions of {} from {} to {}: data at rest is the server's alone",
                        path.toAbsolutePath(), PosixFilePermissions.toString(actual), PosixFilePermissions.toString(wanted));
            }
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}

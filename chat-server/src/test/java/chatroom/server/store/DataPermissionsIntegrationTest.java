package chatroom.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chatroom.server.testing.FileUploads;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data at rest is the server's alone: the data directory is 0700, its files 0600. */
class DataPermissionsIntegrationTest {

    @TempDir
    Path parent;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void newDataDirectory_database_wal_andStoredFiles_areOwnerOnly() throws IOException {
        Path dataDir = parent.resolve("data");
        try (ServerFixture fixture = new ServerFixture(dataDir)) {
            WireClient alice = fixture.user("alice");
            byte[] content = "私密文件 private bytes".getBytes(StandardCharsets.UTF_8);
            FileUploads.upload(alice, "lobby", "notes.txt", content);

            assertThat(mode(dataDir)).isEqualTo("rwx------");
            assertThat(mode(dataDir.resolve("chat.db"))).isEqualTo("rw-------");
            assertThat(mode(dataDir.resolve("chat.db-wal"))).isEqualTo("rw-------");
            assertThat(mode(dataDir.resolve("chat.db-shm"))).isEqualTo("rw-------");
            for (String searchIndex : List.of("search.db", "search.db-wal", "search.db-shm")) {
                assertThat(mode(dataDir.resolve(searchIndex))).as(searchIndex).isEqualTo("rw-------");
            }
            List<Path> stored;
            try (Stream<Path> all = Files.walk(dataDir.resolve("files"))) {
                stored = all.toList();
            }
            assertThat(stored).filteredOn(Files::isRegularFile).isNotEmpty().allSatisfy(file ->
                    assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------"));
            assertThat(stored).filteredOn(Files::isDirectory).allSatisfy(dir ->
                    assertThat(mode(dir)).as(dir.toString()).isEqualTo("rwx------"));
        }
    }

    @Test
    void existingWorldReadableDataDirectory_isTightenedAtStart() throws IOException {
        Path dataDir = parent.resolve("old-data");
        try (ServerFixture fixture = new ServerFixture(dataDir)) {
            fixture.user("alice");
        }
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dataDir.resolve("chat.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dataDir.resolve("files"), PosixFilePermissions.fromString("rwxr-xr-x"));

        try (ServerFixture fixture = new ServerFixture(dataDir)) {
            assertThat(mode(dataDir)).isEqualTo("rwx------");
            assertThat(mode(dataDir.resolve("chat.db"))).isEqualTo("rw-------");
            assertThat(mode(dataDir.resolve("files"))).isEqualTo("rwx------");
        }
    }
}

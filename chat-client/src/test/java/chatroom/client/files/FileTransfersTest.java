package chatroom.client.files;

import chatroom.client.ChatListener;
import java.time.Duration;
import java.util.ArrayList;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import chatroom.client.ConnectionState;
import chatroom.testing.Wait;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chatroom.client.ChatClient;
import chatroom.client.TestClients;
import chatroom.codec.message.Results.FileInfo;
import chatroom.server.ChatServer;
import chatroom.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's uploads and downloads against the real server on loopback. */
class FileTransfersTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path local;

    private ChatServer server;
    private ChatClient alice;
    private ChatClient bob;

    @BeforeEach
    void start() throws Exception {
        server = ChatServer.start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).registrationsPerMinute(1000)
                .admins(Set.of()).rate(1000).burst(1000).build());
        alice = signedUp("alice");
        bob = signedUp("bob");
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
        server.close();
    }

    private ChatClient signedUp(String name) throws Exception {
        return TestClients.signedUp(server.port(), name);
    }

    @Test
    void upload_list_download_roundTrip_keepsBytesAndName_andReportsProgress() throws Exception {
        byte[] content = random(250_000);
        Path source = Files.write(local.resolve("期末 复习.pdf"), content);
        List<long[]> progress = new CopyOnWriteArrayList<>();

        FileTransfers.SharedFile shared = alice.files().upload("lobby", source,
                (done, total) -> progress.add(new long[] {done, total})).get(20, TimeUnit.SECONDS);
        assertThat(shared.size()).isEqualTo(content.length);
        assertThat(progress).last().satisfies(p -> assertThat(p).containsExactly(content.length, content.length));

        List<FileInfo> listed = bob.files().list("lobby").get(10, TimeUnit.SECONDS).files();
        assertThat(listed).extracting(FileInfo::name).containsExactly("期末 复习.pdf");

        Path downloads = Files.createDirectory(local.resolve("downloads"));
        Path saved = bob.files().download(shared.fileId(), downloads, FileTransfersTest::ignore).get(20, TimeUnit.SECONDS);
        assertThat(saved).isEqualTo(downloads.resolve("期末 复习.pdf").toAbsolutePath());
        assertThat(Files.readAllBytes(saved)).isEqualTo(content);

        Path again = bob.files().download(shared.fileId(), downloads, FileTransfersTest::ignore).get(20, TimeUnit.SECONDS);
        assertThat(again.getFileName().toString()).isEqualTo("期末 复习 (2).pdf");
    }

    @Test
    void download_resumesFromAPartFile_andVerifiesTheWhole() throws Exception {
        byte[] content = random(200_000);
        FileTransfers.SharedFile shared = alice.files().upload("lobby", Files.write(local.resolve("big.bin"), content),
                FileTransfersTest::ignore).get(20, TimeUnit.SECONDS);
        Path target = local.resolve("copy.bin");
        Files.write(Path.of(target + ".part"), Arrays.copyOf(content, 70_000));
        List<Long> firstProgress = new CopyOnWriteArrayList<>();

        bob.files().download(shared.fileId(), target, (done, total) -> firstProgress.add(done)).get(20, TimeUnit.SECONDS);

        assertThat(firstProgress).first().isEqualTo(70_000L);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(Path.of(target + ".part")).doesNotExist();

        Path corrupt = local.resolve("corrupt.bin");
        byte[] wrongStart = Arrays.copyOf(content, 70_000);
        wrongStart[5] ^= 1;
        Files.write(Path.of(corrupt + ".part"), wrongStart);
        assertThatThrownBy(() -> bob.files().download(shared.fileId(), corrupt, FileTransfersTest::ignore)
                .get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasMessageContaining("SHA-256");
        assertThat(corrupt).doesNotExist();
        assertThat(Path.of(corrupt + ".part")).doesNotExist();
    }

    @Test
    void aHostileName_landsInsideTheChosenDirectory() throws Exception {
        Path outside = local.resolve("outside");
        Path downloads = Files.createDirectories(outside.resolve("inbox"));
        // the library names uploads after the local file, so a hostile name comes from a raw client
        String fileId = HostileUpload.upload(server.port(), "mallory", "../../evil.txt", "hello".getBytes());

        Path saved = bob.files().download(fileId, downloads, FileTransfersTest::ignore).get(20, TimeUnit.SECONDS);

        assertThat(saved).isEqualTo(downloads.resolve("evil.txt").toAbsolutePath());
        assertThat(outside.resolve("evil.txt")).doesNotExist();
        assertThat(local.resolve("evil.txt")).doesNotExist();
    }

    private static void ignore(long done, long total) {
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    /**
     * A download that fails on the client's thread (the connection dropped) while its start waits
     * on the file thread must not open its {@code .part} afterwards and leave it open.
     */
    @Test
    void aDownloadFailedBeforeItStarted_neverOpensItsPartFile() throws Exception {
        FileTransfers.SharedFile first = alice.files().upload("lobby", Files.write(local.resolve("first.bin"),
                random(10_000)), FileTransfersTest::ignore).get(20, TimeUnit.SECONDS);
        FileTransfers.SharedFile second = alice.files().upload("lobby", Files.write(local.resolve("second.bin"),
                random(10_000)), FileTransfersTest::ignore).get(20, TimeUnit.SECONDS);
        CountDownLatch fileThreadHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Path> holding = bob.files().download(first.fileId(), local.resolve("first-copy.bin"),
                (done, total) -> {
                    fileThreadHeld.countDown();
                    awaitQuietly(release);
                });
        assertThat(fileThreadHeld.await(20, TimeUnit.SECONDS)).isTrue();
        Path target = local.resolve("second-copy.bin");
        CompletableFuture<Path> queued = bob.files().download(second.fileId(), target, FileTransfersTest::ignore);
        bob.ping().get(20, TimeUnit.SECONDS); // replies keep request order: the file_get reply is in, its start queued
        CountDownLatch dropSeen = new CountDownLatch(1);
        bob.addListener(new ChatListener() { // after the transfers' listener: it has failed the downloads then
            @Override
            public void onStateChange(ConnectionState state, String detail) {
                if (state == ConnectionState.RECONNECTING) {
                    dropSeen.countDown();
                }
            }
        });
        bob.dropConnection();
        assertThat(dropSeen.await(20, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        Wait.until("the client reconnected", Duration.ofSeconds(30), () -> bob.state() == ConnectionState.RESUMED
                || bob.state() == ConnectionState.CONNECTED);
        // the file thread runs in order: once this upload hashed its file, the queued start has run
        bob.files().upload("lobby", Files.write(local.resolve("third.bin"), random(100)), FileTransfersTest::ignore)
                .get(20, TimeUnit.SECONDS);
        assertThat(holding).isDone(); // finished if all its data came before the drop, failed otherwise
        assertThat(queued).isDone(); // its steps ran in order on the file thread: finished or failed, never half
        assertThat(openFiles()).as("files this JVM holds open").noneMatch(open -> open.startsWith(target.toString()));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What this process's file descriptors point to (Linux). */
    private static List<String> openFiles() throws IOException {
        List<String> open = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    open.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException gone) {
                    // closed while listing
                }
            }
        }
        return open;
    }
}

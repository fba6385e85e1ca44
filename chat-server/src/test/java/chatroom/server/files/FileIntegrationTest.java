package chatroom.server.files;

import static chatroom.server.testing.FileUploads.sha256;
import static chatroom.server.testing.FileUploads.upload;
import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServers;
import chatroom.server.testing.WireClient;
import chatroom.testing.Wait;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/** Sharing files in rooms over the wire: chunked upload, checksum, content-addressed storage, paced download. */
class FileIntegrationTest {

    private ChatServers fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void start(FileLimits limits) {
        fixture = ChatServers.start(b -> b.fileLimits(limits));
    }

    @Test
    void upload_isAnnouncedToTheRoom_listed_andDownloadsByteForByte_alsoFromAnOffset() {
        start(FileLimits.DEFAULT);
        WireClient alice = fixture.user("alice");
        WireClient bob = fixture.user("bob");
        byte[] content = randomBytes(150_000);

        String fileId = upload(alice, "lobby", "课程 讲义.pdf", content);

        ObjectNode announced = bob.event("file");
        assertThat(announced.path("file_id").asText()).isEqualTo(fileId);
        assertThat(announced.path("name").asText()).isEqualTo("课程 讲义.pdf");
        assertThat(announced.path("size").asLong()).isEqualTo(content.length);
        assertThat(announced.path("from").asText()).isEqualTo("alice");
        assertThat(announced.path("room").asText()).isEqualTo("lobby");

        JsonNode listed = bob.ok("files", "room", "lobby").path("files");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("file_id").asText()).isEqualTo(fileId);
        assertThat(listed.get(0).path("name").asText()).isEqualTo("课程 讲义.pdf");

        ObjectNode meta = bob.ok("file_get", "file_id", fileId);
        assertThat(meta.path("sha256").asText()).isEqualTo(sha256(content));
        assertThat(meta.path("size").asLong()).isEqualTo(content.length);
        assertThat(download(bob, fileId, 0)).isEqualTo(content);

        bob.ok("file_get", "file_id", fileId, "offset", 100_000);
        byte[] rest = download(bob, fileId, 100_000);
        assertThat(rest).isEqualTo(java.util.Arrays.copyOfRange(content, 100_000, content.length));
    }

    @Test
    void checksumMismatch_isRefused_andNothingIsKept() throws IOException {
        start(FileLimits.DEFAULT);
        WireClient alice = fixture.user("alice");
        byte[] content = randomBytes(1000);
        ObjectNode put = alice.ok("file_put", "room", "lobby", "name", "a.bin", "size", content.length,
                "sha256", sha256("something else".getBytes(StandardCharsets.UTF_8)));
        String fileId = put.path("file_id").asText();
        ObjectNode reply = alice.request("file_chunk", "file_id", fileId, "offset", 0, "data",
                Base64.getEncoder().encodeToString(content));
        assertThat(reply.path("code").asText()).isEqualTo("bad_checksum");

        assertThat(alice.ok("files", "room", "lobby").path("files")).isEmpty();
        assertThat(storedFiles()).isEmpty();
        assertThat(alice.request("file_chunk", "file_id", fileId, "offset", 0, "data", "AA==").path("code").asText())
                .isEqualTo("no_such_file");
    }

    @Test
    @DisabledIfSystemProperty(named = "chat.test.nodes", matches = "2",
            disabledReason = "checks the data directory; a cluster keeps file bytes in PostgreSQL")
    void hostileNames_areOnlyEverDisplayed_neverUsedAsPaths() throws IOException {
        start(FileLimits.DEFAULT);
        WireClient alice = fixture.user("alice");
        List<String> hostile = List.of("../../evil.txt", "..\\..\\evil.ini", "/etc/passwd", "C:\\Windows\\evil.dll",
                "%2e%2e%2fevil", ".", "..", "~/.ssh/authorized_keys", "名字/../../逃逸.txt");
        byte[] content = "pwned?".getBytes(StandardCharsets.UTF_8);
        for (String name : hostile) {
            upload(alice, "lobby", name, content);
        }
        JsonNode listed = alice.ok("files", "room", "lobby").path("files");
        assertThat(listed.findValuesAsText("name")).containsExactlyElementsOf(hostile);

        // the bytes exist exactly once, at their content address, and nowhere else
        Path dataDir = fixture.dataDir();
        assertThat(storedFiles()).containsExactly(dataDir.resolve("files").resolve(sha256(content).substring(0, 2))
                .resolve(sha256(content).substring(2, 4)).resolve(sha256(content)));
        try (Stream<Path> inData = Files.walk(dataDir); Stream<Path> besideData = Files.list(dataDir.getParent())) {
            assertThat(Stream.concat(inData, besideData).map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.contains("evil") || n.equals("passwd") || n.contains("逃逸")
                            || n.equals("authorized_keys"));
        }

        for (String bad : List.of("", "a\u0000b", "line\nbreak", "x".repeat(256))) {
            assertThat(alice.request("file_put", "room", "lobby", "name", bad, "size", 1, "sha256", sha256(new byte[1]))
                    .path("code").asText()).as("name %s", bad).isEqualTo("bad_request");
        }
    }

    @Test
    void limitsAndBadChunks_getClearErrors() {
        start(new FileLimits(1024, Set.of("txt", "PNG"), 2));
        WireClient alice = fixture.user("alice");
        String sha = sha256(new byte[10]);
        assertThat(alice.error("file_put", "room", "lobby", "name", "big.txt", "size", 1025, "sha256", sha))
                .isEqualTo("too_large");
        assertThat(alice.error("file_put", "room", "lobby", "name", "tool.exe", "size", 10, "sha256", sha))
                .isEqualTo("bad_request");
        assertThat(alice.error("file_put", "room", "lobby", "name", "x.txt", "size", -1, "sha256", sha))
                .isEqualTo("bad_request");
        assertThat(alice.error("file_put", "room", "lobby", "name", "x.txt", "size", 10, "sha256", "abc"))
                .isEqualTo("bad_request");
        assertThat(alice.error("file_put", "room", "nowhere", "name", "x.txt", "size", 10, "sha256", sha))
                .isEqualTo("no_such_room");

        String fileId = alice.ok("file_put", "room", "lobby", "name", "ok.PNG", "size", 10, "sha256", sha)
                .path("file_id").asText();
        assertThat(alice.error("file_chunk", "file_id", fileId, "offset", 5, "data", b64(new byte[5])))
                .as("out of order").isEqualTo("bad_request");
        assertThat(alice.error("file_chunk", "file_id", fileId, "offset", 0, "data", "not base64!"))
                .isEqualTo("bad_request");
        assertThat(alice.error("file_chunk", "file_id", fileId, "offset", 0, "data", b64(new byte[11])))
                .as("more than announced").isEqualTo("bad_request");
        assertThat(alice.ok("file_chunk", "file_id", fileId, "offset", 0, "data", b64(new byte[4]))
                .path("received").asLong()).isEqualTo(4);
        alice.ok("file_put", "room", "lobby", "name", "two.txt", "size", 10, "sha256", sha);
        assertThat(alice.error("file_put", "room", "lobby", "name", "three.txt", "size", 10, "sha256", sha))
                .as("uploads per connection").isEqualTo("bad_request");

        assertThat(alice.error("file_get", "file_id", "0123456789abcdef0123456789abcdef")).isEqualTo("no_such_file");
        WireClient carol = fixture.user("carol");
        carol.ok("join", "room", "secret-club");
        String hidden = upload(carol, "secret-club", "plan.txt", new byte[10]);
        assertThat(alice.error("file_get", "file_id", hidden)).isEqualTo("not_member");
        assertThat(alice.error("files", "room", "secret-club")).isEqualTo("not_member");
    }

    @Test
    @DisabledIfSystemProperty(named = "chat.test.nodes", matches = "2", disabledReason = "3 MB through PostgreSQL"
            + " takes half a minute of CI; ClusterFilesIntegrationTest downloads across nodes")
    void aDownload_doesNotHoldUpChat_onTheSameConnection_orForTheRoom() {
        start(FileLimits.DEFAULT);
        WireClient alice = fixture.user("alice");
        WireClient bob = fixture.user("bob");
        byte[] big = randomBytes(3_000_000);
        String fileId = upload(alice, "lobby", "big.bin", big);

        bob.send(bob.message("file_get", "id", "get", "file_id", fileId));
        alice.ok("send", "room", "lobby", "text", "聊天不会被下载卡住");
        bob.send(bob.message("ping", "id", "p"));

        List<String> seen = new ArrayList<>();
        while (!seen.contains("last")) {
            ObjectNode frame = bob.event(e -> true, Duration.ofSeconds(20));
            String type = frame.path("type").asText();
            if (type.equals("file_data")) {
                seen.add(frame.path("last").asBoolean() ? "last" : "data");
            } else if (type.equals("message") && frame.path("from").asText().equals("alice")) {
                seen.add("message");
            } else if (type.equals("pong")) {
                seen.add("pong");
            }
        }
        assertThat(seen.indexOf("message")).as("room message before the download ends").isBetween(0, seen.size() - 2);
        assertThat(seen.indexOf("pong")).as("reply before the download ends").isBetween(0, seen.size() - 2);
        assertThat(seen.stream().filter(s -> !s.equals("message") && !s.equals("pong")).count())
                .isEqualTo((big.length + 48127) / 48128);
    }

    @Test
    @DisabledIfSystemProperty(named = "chat.test.nodes", matches = "2", disabledReason = "checks the data"
            + " directory; a cluster keeps uploads in PostgreSQL (ClusterFilesIntegrationTest checks them there)")
    void anUploadCutOffByADisconnect_leavesNothingBehind() throws IOException {
        start(FileLimits.DEFAULT);
        WireClient alice = fixture.user("alice");
        String fileId = alice.ok("file_put", "room", "lobby", "name", "half.bin", "size", 100,
                "sha256", sha256(new byte[100])).path("file_id").asText();
        alice.ok("file_chunk", "file_id", fileId, "offset", 0, "data", b64(new byte[50]));
        Path incoming = fixture.dataDir().resolve("files").resolve("incoming");
        assertThat(incoming.resolve(fileId + ".part")).exists();
        alice.close();
        Wait.until("the partial upload is removed", () -> !Files.exists(incoming.resolve(fileId + ".part")));
        assertThat(storedFiles()).isEmpty();
    }

    /** Collects the file_data events of a download that was just started. */
    private static byte[] download(WireClient client, String fileId, long from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long expected = from;
        while (true) {
            ObjectNode data = client.event(e -> "file_data".equals(e.path("type").asText())
                    && fileId.equals(e.path("file_id").asText()));
            assertThat(data.path("offset").asLong()).isEqualTo(expected);
            byte[] bytes = Base64.getDecoder().decode(data.path("data").asText());
            out.writeBytes(bytes);
            expected += bytes.length;
            if (data.path("last").asBoolean()) {
                return out.toByteArray();
            }
        }
    }

    /** The files in the data directory's file store (on a cluster node a's, which keeps file bytes in PostgreSQL). */
    private List<Path> storedFiles() throws IOException {
        Path store = fixture.dataDir().resolve("files");
        if (fixture.nodeCount() > 1 && !Files.exists(store)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}

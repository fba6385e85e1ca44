package chatroom.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.FileUploads;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract §9: an upload that would pass the uploader's quota, the server's total for files or the
 * disk's free reserve is refused with quota_exceeded when it starts; a started upload holds its
 * size, so parallel uploads cannot outrun the quota, and gives it back when it fails.
 */
class FileQuotaIntegrationTest {

    private static final long KIB = 1024;

    @TempDir
    Path dataDir;

    private ServerFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void start(FileQuotas quotas) {
        fixture = new ServerFixture(dataDir, b -> b.fileQuotas(quotas));
    }

    private static byte[] bytes(int n, int seed) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) seed);
        return out;
    }

    private static ObjectNode put(WireClient client, byte[] content, String name) {
        return client.request("file_put", "room", "lobby", "name", name, "size", content.length,
                "sha256", FileUploads.sha256(content));
    }

    @Test
    void uploadsUpToTheUsersQuota_succeed_theNextIsQuotaExceeded_andOtherUsersStillUpload() {
        start(new FileQuotas(30 * KIB, 1024 * KIB, 0));
        WireClient alice = fixture.user("alice");
        WireClient bob = fixture.user("bob");

        FileUploads.upload(alice, "lobby", "一.bin", bytes(10 * 1024, 1));
        FileUploads.upload(alice, "lobby", "二.bin", bytes(20 * 1024, 2));
        ObjectNode refused = put(alice, bytes(1, 3), "三.bin");

        assertThat(refused.path("type").asText()).isEqualTo("error");
        assertThat(refused.path("code").asText()).isEqualTo("quota_exceeded");
        assertThat(refused.path("message").asText()).containsIgnoringCase("quota");
        FileUploads.upload(bob, "lobby", "bob.bin", bytes(30 * 1024, 4));
        fixture.restart();
        WireClient again = fixture.connect();
        again.login("alice", "password-alice");
        assertThat(put(again, bytes(1, 5), "after-restart.bin").path("code").asText())
                .as("stored files still count after a restart").isEqualTo("quota_exceeded");
    }

    @Test
    void parallelFilePuts_cannotOutrunTheQuota_andAFailedUploadGivesItsShareBack() {
        start(new FileQuotas(100 * KIB, 1024 * KIB, 0));
        WireClient alice = fixture.user("alice");
        List<ObjectNode> puts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] content = bytes(40 * 1024, 10 + i);
            ObjectNode put = alice.message("file_put", "room", "lobby", "name", "p" + i + ".bin", "size",
                    content.length, "sha256", FileUploads.sha256(content));
            puts.add(put.put("id", 500 + i));
        }
        puts.forEach(alice::send); // all four before any reply: reservations, not stored bytes, must count
        List<ObjectNode> replies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replies.add(alice.replyTo(500 + i));
        }

        assertThat(replies).filteredOn(r -> "ok".equals(r.path("type").asText())).hasSize(2);
        assertThat(replies).filteredOn(r -> "quota_exceeded".equals(r.path("code").asText())).hasSize(2);

        // a started upload that fails its checksum gives its reservation back
        String fileId = replies.stream().filter(r -> "ok".equals(r.path("type").asText())).findFirst().orElseThrow()
                .path("file_id").asText();
        String wrong = Base64.getEncoder().encodeToString(bytes(40 * 1024, 99));
        assertThat(alice.request("file_chunk", "file_id", fileId, "offset", 0, "data", wrong).path("code").asText())
                .isEqualTo("bad_checksum");
        assertThat(put(alice, bytes(40 * 1024, 42), "fits-again.bin").path("type").asText()).isEqualTo("ok");
    }

    @Test
    void theServersTotal_isSharedByAllUsers() {
        start(new FileQuotas(1024 * KIB, 50 * KIB, 0));
        WireClient alice = fixture.user("alice");
        WireClient bob = fixture.user("bob");

        FileUploads.upload(alice, "lobby", "a.bin", bytes(30 * 1024, 1));
        FileUploads.upload(bob, "lobby", "b.bin", bytes(20 * 1024, 2));
        ObjectNode refused = put(bob, bytes(1, 3), "c.bin");

        assertThat(refused.path("code").asText()).isEqualTo("quota_exceeded");
    }

    @Test
    void anUploadThatWouldEatIntoTheDiskReserve_isQuotaExceeded() {
        start(new FileQuotas(1024 * KIB, 1024 * KIB, Long.MAX_VALUE / 2));
        WireClient alice = fixture.user("alice");

        ObjectNode refused = put(alice, "小".getBytes(StandardCharsets.UTF_8), "tiny.txt");

        assertThat(refused.path("code").asText()).isEqualTo("quota_exceeded");
        assertThat(refused.path("message").asText()).containsIgnoringCase("disk");
    }
}

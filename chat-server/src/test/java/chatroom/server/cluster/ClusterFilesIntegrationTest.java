package chatroom.server.cluster;

import chatroom.server.testing.WireClient;
import chatroom.server.testing.FileUploads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files on a cluster (issue 21): two nodes with data directories of their own share file bytes
 * through PostgreSQL, so a file uploaded through one node downloads through the other; an upload
 * cut off by its node's end is uploaded again through the other node (the contract has no resume:
 * an upload belongs to its connection), and leaves nothing behind.
 */
class ClusterFilesIntegrationTest extends TwoNodeClusterTestBase {

    @BeforeEach
    void startCluster() {
        startCluster(b -> b);
    }

    @Test
    void fileUploadedThroughNodeA_downloadsThroughNodeB_withTheSameChecksum() {
        WireClient alice = nodeA.user("alice");
        WireClient bob = nodeB.user("bob");
        byte[] content = randomBytes(700 * 1024 + 13);

        String fileId = FileUploads.upload(alice, "lobby", "论文草稿.pdf", content);

        ObjectNode meta = bob.ok("file_get", "file_id", fileId);
        assertThat(meta.path("sha256").asText()).isEqualTo(FileUploads.sha256(content));
        byte[] downloaded = download(bob, fileId);
        assertThat(FileUploads.sha256(downloaded)).isEqualTo(FileUploads.sha256(content));
        assertThat(downloaded).hasSize(content.length);

        // from an offset inside a stored chunk: the rows it overlaps are stitched together
        bob.ok("file_get", "file_id", fileId, "offset", 100_001);
        assertThat(download(bob, fileId, 100_001)).isEqualTo(Arrays.copyOfRange(content, 100_001, content.length));
    }

    @Test
    void nodeStoppedMidUpload_uploadAgainThroughNodeB_completesAndLeavesNothingBehind() throws Exception {
        WireClient alice = nodeA.user("alice");
        byte[] content = randomBytes(300 * 1024);
        ObjectNode put = alice.ok("file_put", "room", "lobby", "name", "数据.bin", "size", content.length,
                "sha256", FileUploads.sha256(content));
        int chunk = put.path("chunk_size").asInt();
        alice.ok("file_chunk", "file_id", put.path("file_id").asText(), "offset", 0, "data",
                Base64.getEncoder().encodeToString(Arrays.copyOf(content, chunk)));
        cluster.stopNodeA();

        WireClient again = nodeB.connect();
        again.login("alice", "password-alice");
        String fileId = FileUploads.upload(again, "lobby", "数据.bin", content);
        WireClient bob = nodeB.user("bob");
        bob.ok("file_get", "file_id", fileId);
        assertThat(FileUploads.sha256(download(bob, fileId))).isEqualTo(FileUploads.sha256(content));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> uploadRowsLeft() == 0);
    }

    private long uploadRowsLeft() throws Exception {
        try (Connection db = DriverManager.getConnection(cluster.databaseUrl(), "chat", "");
             ResultSet rows = db.createStatement().executeQuery("SELECT count(*) FROM file_upload_chunks")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static byte[] download(WireClient client, String fileId) {
        return download(client, fileId, 0);
    }

    private static byte[] download(WireClient client, String fileId, long from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            ObjectNode data = client.event(e -> "file_data".equals(e.path("type").asText())
                    && fileId.equals(e.path("file_id").asText()));
            assertThat(data.path("offset").asLong()).isEqualTo(from + out.size());
            out.writeBytes(Base64.getDecoder().decode(data.path("data").asText()));
            if (data.path("last").asBoolean()) {
                return out.toByteArray();
            }
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }
}

package chatroom.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** Uploading a file over the wire as a client does (file_put, then file_chunks): shared by the file and store tests. */
public final class FileUploads {

    private FileUploads() {
    }

    /** Uploads in chunks the size the server asked for and returns the file id. */
    public static String upload(WireClient client, String room, String name, byte[] content) {
        ObjectNode put = client.ok("file_put", "room", room, "name", name, "size", content.length,
                "sha256", sha256(content));
        String fileId = put.path("file_id").asText();
        int chunk = put.path("chunk_size").asInt();
        assertThat(chunk).isPositive();
        for (int offset = 0; offset < content.length; offset += chunk) {
            byte[] piece = Arrays.copyOfRange(content, offset, Math.min(content.length, offset + chunk));
            assertThat(client.ok("file_chunk", "file_id", fileId, "offset", offset,
                    "data", Base64.getEncoder().encodeToString(piece))
                    .path("received").asLong()).isEqualTo(offset + piece.length);
        }
        return fileId;
    }

    /** The lower-case hex SHA-256 the protocol names a file by. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

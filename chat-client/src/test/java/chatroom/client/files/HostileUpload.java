package chatroom.client.files;

import chatroom.client.ChatClient;
import chatroom.client.TestClients;
import chatroom.codec.ChatJson;
import chatroom.codec.message.FileChunk;
import chatroom.codec.message.FilePut;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Results.FilePutResult;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** Shares bytes under any name through raw requests, as a hostile client could. */
final class HostileUpload {

    private HostileUpload() {
    }

    static String upload(int port, String user, String name, byte[] content) throws Exception {
        try (ChatClient client = TestClients.signedUp(port, user)) {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            Object put = client.request(id -> new FilePut(id, "lobby", name, (long) content.length, sha))
                    .get(10, TimeUnit.SECONDS);
            String fileId = ChatJson.convert(((Ok) put).result(), FilePutResult.class).fileId();
            client.request(id -> new FileChunk(id, fileId, 0L, Base64.getEncoder().encodeToString(content)))
                    .get(10, TimeUnit.SECONDS);
            return fileId;
        }
    }
}

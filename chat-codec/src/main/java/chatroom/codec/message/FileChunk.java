package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code file_chunk {file_id, offset, data}}: the next piece of an upload, base64. */
public record FileChunk(Object id, @JsonProperty("file_id") String fileId, Long offset, String data) implements Request {
    public static final String TYPE = "file_chunk";

    @Override
    public String type() {
        return TYPE;
    }
}

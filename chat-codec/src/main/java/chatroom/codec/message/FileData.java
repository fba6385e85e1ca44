package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code file_data {file_id, offset, data, last}}: a piece of a download, base64, in order. */
public record FileData(@JsonProperty("file_id") String fileId, long offset, String data, boolean last) implements Event {
    public static final String TYPE = "file_data";

    @Override
    public String type() {
        return TYPE;
    }
}

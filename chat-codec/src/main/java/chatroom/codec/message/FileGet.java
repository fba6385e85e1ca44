package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code file_get {file_id, offset?}}: download a file from {@code offset}; {@code file_data} events follow the {@code ok}. */
public record FileGet(Object id, @JsonProperty("file_id") String fileId, Long offset) implements Request {
    public static final String TYPE = "file_get";

    @Override
    public String type() {
        return TYPE;
    }
}

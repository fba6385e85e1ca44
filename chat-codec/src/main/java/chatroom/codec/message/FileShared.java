package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code file {room, file_id, name, size, from, ts}}: a file was shared in a room. */
public record FileShared(String room, @JsonProperty("file_id") String fileId, String name, long size, String from, long ts) implements Event {
    public static final String TYPE = "file";

    @Override
    public String type() {
        return TYPE;
    }
}

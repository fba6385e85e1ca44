package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code history {room | with, before?, after?, limit?}}: stored messages in ascending seq. */
public record History(Object id, String room, @JsonProperty("with") String with, Long before, Long after,
                      Integer limit) implements Request {
    public static final String TYPE = "history";

    @Override
    public String type() {
        return TYPE;
    }
}

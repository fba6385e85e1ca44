package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code read {room | with, seq}} event: another session of this user read up to {@code seq},
 * so a device can clear what was read on another. The request of the same wire type is {@link MarkRead}.
 */
public record ReadMarked(String room, @JsonProperty("with") String with, long seq) implements Event {
    public static final String TYPE = "read";

    @Override
    public String type() {
        return TYPE;
    }
}

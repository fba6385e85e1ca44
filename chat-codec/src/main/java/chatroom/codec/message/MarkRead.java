package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code read {room | with, seq}}: the user has read a conversation up to {@code seq}. The marker
 * never moves back; the user's other sessions get the {@link ReadMarked} event.
 */
public record MarkRead(Object id, String room, @JsonProperty("with") String with, Long seq) implements Request {
    public static final String TYPE = "read";

    @Override
    public String type() {
        return TYPE;
    }
}

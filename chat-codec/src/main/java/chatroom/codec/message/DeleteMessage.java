package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code delete {room | with, seq}}: the author, the room's owner or an admin removes a message's
 * text; its seq stays. Members get {@link MessageDeleted}.
 */
public record DeleteMessage(Object id, String room, @JsonProperty("with") String with, Long seq)
        implements Request {
    public static final String TYPE = "delete";

    @Override
    public String type() {
        return TYPE;
    }
}

package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code join {room, since?, private?}}: become a member (creating the room if absent); with
 * {@code since}, the messages after it are pushed right after the reply.
 */
public record Join(Object id, String room, Long since, @JsonProperty("private") Boolean privateRoom)
        implements Request {
    public static final String TYPE = "join";

    @Override
    public String type() {
        return TYPE;
    }
}

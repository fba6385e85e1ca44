package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code deleted {room | with, seq, by}} event: a message lost its text; its seq stays. */
public record MessageDeleted(String room, @JsonProperty("with") String with, long seq, String by)
        implements Event {
    public static final String TYPE = "deleted";

    @Override
    public String type() {
        return TYPE;
    }
}

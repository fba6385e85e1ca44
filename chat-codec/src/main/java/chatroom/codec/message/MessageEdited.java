package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code edited {room | with, seq, text, edited_ts}} event: a message has a new text. */
public record MessageEdited(String room, @JsonProperty("with") String with, long seq, String text,
                            @JsonProperty("edited_ts") long editedTs) implements Event {
    public static final String TYPE = "edited";

    @Override
    public String type() {
        return TYPE;
    }
}

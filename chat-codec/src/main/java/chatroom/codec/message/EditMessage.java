package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code edit {room | with, seq, text}}: the author replaces a message's text; members get {@link MessageEdited}. */
public record EditMessage(Object id, String room, @JsonProperty("with") String with, Long seq, String text)
        implements Request {
    public static final String TYPE = "edit";

    @Override
    public String type() {
        return TYPE;
    }
}

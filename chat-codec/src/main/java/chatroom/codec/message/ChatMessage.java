package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code message} event and history entry. A room message has {@code room}; a direct message
 * has {@code with} (the other party, seen from the receiving user) and {@code to}.
 */
public record ChatMessage(String room, @JsonProperty("with") String with, long seq, long ts, String from,
                          String to, String text, String cid) implements Event {
    public static final String TYPE = "message";

    public static ChatMessage inRoom(String room, long seq, long ts, String from, String text, String cid) {
        return new ChatMessage(room, null, seq, ts, from, null, text, cid);
    }

    public static ChatMessage direct(String with, long seq, long ts, String from, String to, String text,
                                     String cid) {
        return new ChatMessage(null, with, seq, ts, from, to, text, cid);
    }

    /** Whether this is a direct message rather than a room message (not a wire field). */
    @JsonIgnore
    public boolean isDirect() {
        return room == null;
    }

    @Override
    public String type() {
        return TYPE;
    }
}

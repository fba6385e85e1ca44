package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code message} event and history entry. A room message has {@code room}; a direct message
 * has {@code with} (the other party, seen from the receiving user) and {@code to}.
 *
 * <p>Protocol version 2 adds three fields that appear only when set, so a version-1 client sees
 * nothing new: {@code mentions} (the members the text names with {@code @name}), {@code edited_ts}
 * (when the text was last edited) and {@code deleted} (a deleted message keeps its seq, loses its
 * text: {@link #deleted(String, String, long, long, String)}).
 */
public record ChatMessage(String room, @JsonProperty("with") String with, long seq, long ts, String from,
                          String to, String text, String cid,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> mentions,
                          @JsonProperty("edited_ts") Long editedTs,
                          Boolean deleted) implements Event {
    public static final String TYPE = "message";

    /** A version-1 message: no mentions, never edited, not deleted. */
    public ChatMessage(String room, String with, long seq, long ts, String from, String to, String text,
                       String cid) {
        this(room, with, seq, ts, from, to, text, cid, null, null, null);
    }

    public static ChatMessage inRoom(String room, long seq, long ts, String from, String text, String cid) {
        return new ChatMessage(room, null, seq, ts, from, null, text, cid);
    }

    public static ChatMessage direct(String with, long seq, long ts, String from, String to, String text,
                                     String cid) {
        return new ChatMessage(null, with, seq, ts, from, to, text, cid);
    }

    /** The form of a deleted message: {@code {seq, ts, from, deleted: true}} in its room or with its party. */
    public static ChatMessage deleted(String room, String with, long seq, long ts, String from) {
        return new ChatMessage(room, with, seq, ts, from, null, null, null, null, null, Boolean.TRUE);
    }

    /** This message with its mentions and edit time (both may be null). */
    public ChatMessage withChanges(List<String> mentions, Long editedTs) {
        return new ChatMessage(room, with, seq, ts, from, to, text, cid, mentions, editedTs, deleted);
    }

    /** Whether this is a direct message rather than a room message (not a wire field). */
    @JsonIgnore
    public boolean isDirect() {
        return room == null;
    }

    /** Whether the message was deleted (not a wire field; the wire has {@code deleted: true}). */
    @JsonIgnore
    public boolean isDeleted() {
        return Boolean.TRUE.equals(deleted);
    }

    @Override
    public String type() {
        return TYPE;
    }
}

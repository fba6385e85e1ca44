package chatroom.server.store;

import java.util.List;

/**
 * A message as stored, with the seq its conversation gave it. {@code mentions}: display names of
 * the members its text mentions (empty when none); {@code editedTs}: when its text last changed
 * (null: never); a {@code deleted} message keeps its seq, sender and time but has no text.
 */
public record StoredMessage(Conversation conversation, long seq, long ts, String from, String to, String text,
                            String cid, List<String> mentions, Long editedTs, boolean deleted) {

    public StoredMessage {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    /** A message as first stored: no mentions, never edited. */
    public StoredMessage(Conversation conversation, long seq, long ts, String from, String to, String text,
                         String cid) {
        this(conversation, seq, ts, from, to, text, cid, List.of(), null, false);
    }
}

package chatroom.server.store;

import java.util.List;

/**
 * A message to store. {@code to} is the recipient's name for a direct message, null in a room.
 * Names are display names as the users registered them; {@code mentions} are the members the text
 * mentions (see {@code chatroom.server.room.Mentions}), never null.
 */
public record NewMessage(Conversation conversation, long ts, String from, String to, String text, String cid,
                         List<String> mentions) {

    public NewMessage {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    /** A message that mentions nobody. */
    public NewMessage(Conversation conversation, long ts, String from, String to, String text, String cid) {
        this(conversation, ts, from, to, text, cid, List.of());
    }
}

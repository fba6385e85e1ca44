package chatroom.client.cli;

import chatroom.codec.message.ChatMessage;
import java.util.Locale;

/**
 * A room or a direct conversation with a user: what a window shows and where its plain text goes.
 * Names are compared case-insensitively here; the server's finer rules (protocol section 9) decide.
 *
 * @param room the room, or null
 * @param with the other party of a direct conversation, or null
 */
record Conversation(String room, String with) {

    static Conversation room(String room) {
        return new Conversation(room, null);
    }

    static Conversation direct(String user) {
        return new Conversation(null, user);
    }

    static Conversation of(ChatMessage message) {
        return message.room() != null ? room(message.room()) : direct(message.with());
    }

    /** {@code @USER} for a direct conversation, {@code #ROOM} or {@code ROOM} for a room; null when neither. */
    static Conversation parse(String word) {
        if (word.startsWith("@") && word.length() > 1) {
            return direct(word.substring(1));
        }
        return room(word.startsWith("#") && word.length() > 1 ? word.substring(1) : word);
    }

    boolean isDirect() {
        return with != null;
    }

    /** {@code study} or {@code @bob}, as shown in prompts and line prefixes. */
    String label() {
        return isDirect() ? "@" + with : room;
    }

    boolean sameAs(Conversation other) {
        return other != null && key().equals(other.key());
    }

    private String key() {
        return label().toLowerCase(Locale.ROOT);
    }
}

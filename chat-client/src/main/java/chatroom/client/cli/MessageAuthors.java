package chatroom.client.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Who wrote the recent messages the shell has seen: an {@code edited} event names only the seq,
 * and only its author may edit, so this turns it into {@code bob edited #42}. Bounded.
 */
final class MessageAuthors {

    static final int CAPACITY = 2000;

    private final Map<String, String> authors = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void add(Conversation conversation, long seq, String author) {
        authors.put(key(conversation, seq), author);
    }

    /** The author, or null when the message is older than what the shell has seen. */
    synchronized String of(Conversation conversation, long seq) {
        return authors.get(key(conversation, seq));
    }

    private static String key(Conversation conversation, long seq) {
        return conversation.label().toLowerCase(Locale.ROOT) + "#" + seq;
    }
}

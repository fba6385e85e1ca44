package chatroom.client.connection;

import chatroom.codec.message.ChatMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Makes the application see each message once and in seq order per conversation. It remembers the
 * last seq delivered of every room and direct conversation; a message at or below it is a
 * duplicate and dropped. While a conversation resumes (after a reconnect) its messages are
 * buffered, then delivered in seq order when the resume ends. Event loop only.
 */
public final class DeliveryTracker {

    private final Map<String, Long> lastDelivered = new HashMap<>();
    private final Map<String, List<ChatMessage>> buffered = new HashMap<>();
    private final Consumer<ChatMessage> sink;

    public DeliveryTracker(Consumer<ChatMessage> sink) {
        this.sink = sink;
    }

    /** The key of a message's conversation: {@code r:room} or {@code d:other-user}, lower-cased. */
    public static String conversationOf(ChatMessage message) {
        return message.room() != null ? roomKey(message.room()) : directKey(message.with());
    }

    public static String roomKey(String room) {
        return "r:" + room.toLowerCase(Locale.ROOT);
    }

    public static String directKey(String otherUser) {
        return "d:" + otherUser.toLowerCase(Locale.ROOT);
    }

    /** Sets where a conversation starts when nothing was delivered yet (the seq a join reported). */
    public void startAt(String conversation, long seq) {
        lastDelivered.putIfAbsent(conversation, seq);
    }

    /** The last seq delivered, or null when nothing of it was. */
    public Long last(String conversation) {
        return lastDelivered.get(conversation);
    }

    /** Conversations with something delivered, for a resume. */
    public Map<String, Long> positions() {
        return Map.copyOf(lastDelivered);
    }

    /** Starts buffering a conversation's messages until {@link #endResume}. */
    public void beginResume(String conversation) {
        buffered.putIfAbsent(conversation, new ArrayList<>());
    }

    public boolean resuming(String conversation) {
        return buffered.containsKey(conversation);
    }

    /**
     * Takes a message from the server.
     *
     * @return true when it was delivered now (false: duplicate or buffered)
     */
    public boolean offer(ChatMessage message) {
        String conversation = conversationOf(message);
        List<ChatMessage> buffer = buffered.get(conversation);
        if (buffer != null) {
            buffer.add(message);
            return false;
        }
        return deliver(conversation, message);
    }

    /** Ends a resume: buffered messages go out in seq order, duplicates dropped; returns how many. */
    public int endResume(String conversation) {
        List<ChatMessage> buffer = buffered.remove(conversation);
        if (buffer == null) {
            return 0;
        }
        buffer.sort(Comparator.comparingLong(ChatMessage::seq));
        int delivered = 0;
        for (ChatMessage message : buffer) {
            if (deliver(conversation, message)) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean deliver(String conversation, ChatMessage message) {
        Long last = lastDelivered.get(conversation);
        if (last != null && message.seq() <= last) {
            return false;
        }
        lastDelivered.put(conversation, message.seq());
        sink.accept(message);
        return true;
    }
}

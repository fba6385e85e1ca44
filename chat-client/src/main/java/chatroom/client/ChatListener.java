package chatroom.client;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import chatroom.codec.message.MessageDeleted;
import chatroom.codec.message.MessageEdited;
import chatroom.codec.message.ReadMarked;

/**
 * Receives what the server pushes. Called on the client's event-loop thread: return quickly and do
 * not block (hand long work to another thread).
 */
public interface ChatListener {

    /**
     * A room or direct message, each exactly once and in seq order per conversation, also across
     * reconnects and server restarts.
     */
    default void onMessage(ChatMessage message) {
    }

    /** Any other event: {@code presence}, {@code topic}, {@code kicked}, {@code bye}. */
    default void onEvent(Event event) {
    }

    /**
     * Another session of this user read a conversation up to a seq (protocol section 10), so this
     * one can clear what was read there. By default handed to {@link #onEvent}.
     */
    default void onRead(ReadMarked read) {
        onEvent(read);
    }

    /** A message got a new text; by default handed to {@link #onEvent}. */
    default void onEdited(MessageEdited edited) {
        onEvent(edited);
    }

    /** A message was deleted (its seq stays); by default handed to {@link #onEvent}. */
    default void onDeleted(MessageDeleted deleted) {
        onEvent(deleted);
    }

    /** The connection changed state; {@code detail} says more for people (may be empty). */
    default void onStateChange(ConnectionState state, String detail) {
    }
}

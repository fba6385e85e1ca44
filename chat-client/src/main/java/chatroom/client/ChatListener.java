package chatroom.client;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;

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

    /** The connection changed state; {@code detail} says more for people (may be empty). */
    default void onStateChange(ConnectionState state, String detail) {
    }
}

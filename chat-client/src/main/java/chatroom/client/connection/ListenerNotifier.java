package chatroom.client.connection;

import chatroom.client.ChatListener;
import chatroom.client.ConnectionState;
import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import chatroom.codec.message.MessageDeleted;
import chatroom.codec.message.MessageEdited;
import chatroom.codec.message.ReadMarked;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that calls the application's {@link ChatListener}s, always on the client's event
 * loop (as {@code ChatListener} documents). A listener that throws is logged and does not stop
 * the others, nor the connection. Listeners may be added from any thread.
 */
final class ListenerNotifier {

    private static final Logger log = LoggerFactory.getLogger(ListenerNotifier.class);

    private final List<ChatListener> listeners = new CopyOnWriteArrayList<>();

    void add(ChatListener listener) {
        listeners.add(listener);
    }

    void message(ChatMessage message) {
        notifyAll(listener -> listener.onMessage(message), "a message");
    }

    /** An event, to the callback of its kind ({@code onRead}, {@code onEdited}, {@code onDeleted}) or {@code onEvent}. */
    void event(Event event) {
        if (event instanceof ReadMarked read) {
            notifyAll(listener -> listener.onRead(read), "a read marker");
        } else if (event instanceof MessageEdited edited) {
            notifyAll(listener -> listener.onEdited(edited), "an edit");
        } else if (event instanceof MessageDeleted deleted) {
            notifyAll(listener -> listener.onDeleted(deleted), "a delete");
        } else {
            notifyAll(listener -> listener.onEvent(event), "an event");
        }
    }

    void stateChanged(ConnectionState state, String detail) {
        notifyAll(listener -> listener.onStateChange(state, detail), "a state change");
    }

    private void notifyAll(Consumer<ChatListener> call, String what) {
        for (ChatListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.warn("a listener failed on {}", what, e);
            }
        }
    }
}

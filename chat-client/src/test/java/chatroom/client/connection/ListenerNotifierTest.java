package chatroom.client.connection;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.client.ChatListener;
import chatroom.client.ConnectionState;
import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import chatroom.codec.message.ReadMarked;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one place listeners are called: each event to its callback, and a failing listener stops no other. */
class ListenerNotifierTest {

    private final ListenerNotifier notifier = new ListenerNotifier();
    private final List<String> heard = new ArrayList<>();

    @Test
    void aListenerThatThrows_doesNotStopTheNextOne() {
        notifier.add(new ChatListener() {
            @Override
            public void onMessage(ChatMessage message) {
                throw new IllegalStateException("broken listener");
            }
        });
        notifier.add(new ChatListener() {
            @Override
            public void onMessage(ChatMessage message) {
                heard.add(message.text());
            }
        });

        notifier.message(ChatMessage.inRoom("lobby", 1, 0, "小明", "你好", null));

        assertThat(heard).containsExactly("你好");
    }

    @Test
    void aReadMarker_goesToOnRead_andStateChangesToOnStateChange() {
        notifier.add(new ChatListener() {
            @Override
            public void onRead(ReadMarked read) {
                heard.add("read " + read.seq());
            }

            @Override
            public void onEvent(Event event) {
                heard.add("event " + event.type());
            }

            @Override
            public void onStateChange(ConnectionState state, String detail) {
                heard.add(state + " " + detail);
            }
        });

        notifier.event(new ReadMarked("lobby", null, 7));
        notifier.stateChanged(ConnectionState.RESUMED, "resumed; 0 missed messages fetched");

        assertThat(heard).containsExactly("read 7", "RESUMED resumed; 0 missed messages fetched");
    }
}

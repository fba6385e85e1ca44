package chatroom.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.client.ChatClient;
import chatroom.client.ClientOptions;
import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where lines go: the current window prints, others keep (bounded) and show as activity until read. */
class WindowPrinterTest {

    private static final int BACKLOG = 50;

    private final ChatClient client = ChatClient.create(ClientOptions.builder().host("127.0.0.1").port(1).build());
    private final RecordingView view = new RecordingView();
    private final Windows windows = new Windows(BACKLOG);
    private final WindowPrinter printer = new WindowPrinter(view, windows, new ReadMarkers(client, 1000), () -> "小红");

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void otherWindowsKeepTheirLines_untilTheUserSwitches() {
        Window lobby = windows.open(Conversation.room("lobby"));
        printer.focus(lobby, false);
        printer.deliver(Conversation.room("lobby"), message("lobby", 1, "hi"), true, false);
        printer.deliver(Conversation.room("期末"), message("期末", 1, "复习"), true, false);
        printer.deliver(Conversation.direct("bob"), direct("bob", 1, "@小红 在吗"), true, true);

        assertThat(view.lines).containsExactly("[lobby] bob: hi");
        assertThat(windows.activity()).containsExactly(new Windows.Activity(3, false), new Windows.Activity(4, true));
        assertThat(view.activity).isEqualTo("2:lobby " + windows.activity());

        printer.focus(windows.find(Conversation.room("期末")).orElseThrow(), true);
        assertThat(view.lines).endsWith("window 3: 期末", "[期末] bob: 复习");
        assertThat(windows.activity()).containsExactly(new Windows.Activity(4, true));
    }

    @Test
    void aReadFromAnotherSession_clearsTheActivity() {
        printer.deliver(Conversation.direct("bob"), direct("bob", 7, "see you"), true, true);
        assertThat(windows.activity()).hasSize(1);

        printer.readElsewhere(Conversation.direct("BOB"), 7);

        assertThat(windows.activity()).isEmpty();
    }

    @Test
    void aLongAbsence_keepsTheLatestLinesOnly() {
        for (int seq = 1; seq <= BACKLOG + 5; seq++) {
            printer.deliver(Conversation.room("busy"), message("busy", seq, "line " + seq), true, false);
        }
        printer.focus(windows.find(Conversation.room("busy")).orElseThrow(), false);
        assertThat(view.lines.get(0)).isEqualTo("5 earlier line(s) not shown; /history shows them");
        assertThat(view.lines.get(1)).isEqualTo("[busy] bob: line 6");
        assertThat(view.lines).hasSize(BACKLOG + 1);
    }

    private static ChatMessage message(String room, long seq, String text) {
        return ChatMessage.inRoom(room, seq, 0, "bob", text, null);
    }

    private static ChatMessage direct(String with, long seq, String text) {
        return new ChatMessage(null, with, seq, 0, with, "小红", text, null);
    }

    private static final class RecordingView implements ShellView {
        final List<String> lines = new ArrayList<>();
        final LineFormatter format = LineFormatter.plain();
        String activity;

        @Override
        public void message(ChatMessage message, String me) {
            lines.add(format.message(message, me).toString());
        }

        @Override
        public void event(Event event) {
            lines.add(format.event(event).toString());
        }

        @Override
        public void system(String text) {
            lines.add(text);
        }

        @Override
        public void error(String code, String text) {
            lines.add(code + ": " + text);
        }

        @Override
        public boolean windowed() {
            return true;
        }

        @Override
        public void windows(int current, String label, List<Windows.Activity> active) {
            activity = current + ":" + label + " " + active;
        }
    }
}

package chatroom.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.client.ChatClient;
import chatroom.client.ClientOptions;
import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /query}, {@code /window}, {@code /next}, {@code /prev}, {@code /close}: which window is current and what the prompt says. */
class WindowCommandsTest {

    private final ChatClient client = ChatClient.create(ClientOptions.builder().host("127.0.0.1").port(1).build());
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final ChatShell shell = new ChatShell(client, new ShellView() {
        @Override
        public void message(ChatMessage message, String me) {
            lines.add(message.text());
        }

        @Override
        public void event(Event event) {
            lines.add(event.type());
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
    });

    @AfterEach
    void close() {
        client.close();
    }

    private void run(String line) throws Exception {
        shell.execute(line).get(5, TimeUnit.SECONDS);
    }

    @Test
    void queryOpensDirectWindows_andNextPrevCloseWindowMoveBetweenThem() throws Exception {
        assertThat(shell.prompt()).isEqualTo("> ");
        run("hello");
        assertThat(lines).last().asString().startsWith("no_room: this is the status window");

        run("/query bob");
        run("/query @小红");
        assertThat(shell.prompt()).isEqualTo("[@小红]> ");
        assertThat(lines).contains("window 2: @bob", "window 3: @小红");

        run("/prev");
        assertThat(shell.prompt()).isEqualTo("[@bob]> ");
        run("/next");
        run("/next");
        assertThat(shell.prompt()).as("wraps round to the status window").isEqualTo("> ");
        run("/window @小红");
        run("/close");
        assertThat(shell.prompt()).isEqualTo("[@bob]> ");
        run("/window");
        assertThat(lines).endsWith("1: status", "2: @bob");
        run("/window 9");
        assertThat(lines).last().asString().startsWith("no_such_window");
        run("/window 1");
        run("/close");
        assertThat(lines).last().asString().isEqualTo("usage: the status window stays open");
        assertThat(shell.selectWindow(2)).isTrue();
        assertThat(shell.prompt()).isEqualTo("[@bob]> ");
    }
}

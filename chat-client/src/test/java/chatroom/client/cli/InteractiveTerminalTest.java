package chatroom.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.message.ChatMessage;
import chatroom.testing.Wait;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/**
 * The interactive mode through a terminal on pipes (JLine's external terminal, xterm type): a
 * message that arrives while the user types is printed above the prompt, and the half-typed line
 * survives intact.
 */
class InteractiveTerminalTest {

    @Test
    void incomingMessage_whileTyping_doesNotCorruptTheLineBeingTyped() throws Exception {
        PipedInputStream keyboard = new PipedInputStream();
        PipedOutputStream typist = new PipedOutputStream(keyboard);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Terminal terminal = TerminalBuilder.builder().system(false).streams(keyboard, screen)
                .type("xterm-256color").size(new Size(80, 24)).encoding(StandardCharsets.UTF_8).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            TerminalView view = new TerminalView(reader, new LineFormatter(false, false, ZoneOffset.UTC));
            Future<String> typed = executor.submit(() -> reader.readLine("[lobby]> "));

            typist.write("你好 wor".getBytes(StandardCharsets.UTF_8));
            typist.flush();
            Wait.until("the half line is echoed", () -> screen.toString(StandardCharsets.UTF_8).contains("你好 wor"));
            int before = screen.toString(StandardCharsets.UTF_8).length();

            view.message(ChatMessage.inRoom("lobby", 7, 0, "bob", "incoming 消息", null), "me");
            Wait.until("the message is shown",
                    () -> screen.toString(StandardCharsets.UTF_8).contains("[lobby] bob: incoming 消息"));
            typist.write("ld\r".getBytes(StandardCharsets.UTF_8));
            typist.flush();

            assertThat(typed.get(10, TimeUnit.SECONDS)).isEqualTo("你好 world");
            String after = screen.toString(StandardCharsets.UTF_8).substring(before);
            int message = after.indexOf("[lobby] bob: incoming 消息");
            int redrawn = after.indexOf("[lobby]> 你好 wor", message);
            assertThat(message).isNotNegative();
            assertThat(redrawn).as("prompt and typed text redrawn below the message").isGreaterThan(message);
        } finally {
            executor.shutdownNow();
        }
    }
}

package chatroom.client.cli;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;

/**
 * Interactive mode: lines are printed above the prompt ({@link LineReader#printAbove}), so what the
 * user is typing stays intact at the bottom while messages scroll by.
 */
final class TerminalView implements ShellView {

    private final LineReader reader;
    private final LineFormatter format;

    TerminalView(LineReader reader, LineFormatter format) {
        this.reader = reader;
        this.format = format;
    }

    @Override
    public void message(ChatMessage message, String me) {
        reader.printAbove(format.message(message, me));
    }

    @Override
    public void event(Event event) {
        reader.printAbove(format.event(event));
    }

    @Override
    public void system(String text) {
        reader.printAbove(format.system(text));
    }

    @Override
    public void error(String code, String text) {
        reader.printAbove(format.error(text + " (" + code + ")"));
    }

    @Override
    public String ask(String prompt) {
        return reader.readLine(prompt);
    }

    @Override
    public String askSecret(String prompt) {
        return reader.readLine(prompt, LineReaderImpl.NULL_MASK); // nothing is echoed
    }
}

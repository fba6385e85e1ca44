package chatroom.client.cli;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import java.util.List;
import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.utils.AttributedString;
import org.jline.utils.Status;

/**
 * Interactive mode: lines are printed above the prompt ({@link LineReader#printAbove}), so what the
 * user is typing stays intact at the bottom while messages scroll by.
 */
final class TerminalView implements ShellView {

    /** Progress redraws at most this often. */
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000;

    private final LineReader reader;
    private final LineFormatter format;
    private long progressStarted;
    private long progressShown;

    TerminalView(LineReader reader, LineFormatter format) {
        this.reader = reader;
        this.format = format;
    }

    /** Shows a transfer's progress in the terminal's status line, under the prompt. */
    @Override
    public synchronized void progress(String label, long doneBytes, long totalBytes) {
        long now = System.nanoTime();
        if (progressStarted == 0) {
            progressStarted = now;
        }
        if (now - progressShown < PROGRESS_INTERVAL_NANOS && doneBytes < totalBytes) {
            return;
        }
        progressShown = now;
        Status status = Status.getStatus(reader.getTerminal());
        if (status != null) {
            status.update(List.of(new AttributedString(ProgressBar.line(label, doneBytes, totalBytes,
                    now - progressStarted))));
        }
    }

    @Override
    public synchronized void progressDone() {
        progressStarted = 0;
        progressShown = 0;
        Status status = Status.getStatus(reader.getTerminal(), false);
        if (status != null) {
            status.update(List.of());
        }
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

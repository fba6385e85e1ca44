package chatroom.client.cli;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import chatroom.codec.message.MessageEdited;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.utils.AttributedString;
import org.jline.utils.Status;

/**
 * Interactive mode: lines are printed above the prompt ({@link LineReader#printAbove}), so what the
 * user is typing stays intact at the bottom while messages scroll by. Under the prompt, JLine's
 * {@link Status} shows the window line ({@code [2:lobby] [Act: 3,5]}) and a transfer's progress.
 */
final class TerminalView implements ShellView {

    /** Progress redraws at most this often. */
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000;

    private final LineReader reader;
    private final LineFormatter format;
    private long progressStarted;
    private long progressShown;
    private AttributedString windowLine;
    private AttributedString progressLine;

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
        progressLine = new AttributedString(ProgressBar.line(label, doneBytes, totalBytes, now - progressStarted));
        showStatus();
    }

    @Override
    public synchronized void progressDone() {
        progressStarted = 0;
        progressShown = 0;
        progressLine = null;
        showStatus();
    }

    @Override
    public synchronized void windows(int current, String label, List<Windows.Activity> activity) {
        windowLine = format.windows(current, label, activity);
        showStatus();
    }

    private void showStatus() {
        List<AttributedString> lines = new ArrayList<>(2);
        if (windowLine != null) {
            lines.add(windowLine);
        }
        if (progressLine != null) {
            lines.add(progressLine);
        }
        Status status = Status.getStatus(reader.getTerminal(), !lines.isEmpty());
        if (status != null) {
            status.update(lines);
        }
    }

    @Override
    public boolean windowed() {
        return true;
    }

    @Override
    public void bell() {
        reader.getTerminal().writer().write('\007');
        reader.getTerminal().writer().flush();
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
    public void edited(MessageEdited edited, String author) {
        reader.printAbove(format.edited(edited, author));
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

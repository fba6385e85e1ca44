package chatroom.client.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jline.keymap.KeyMap;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;

/**
 * The interactive loop: reads a line at the prompt ({@code [room]> }), runs it, repeats. History
 * of typed lines and Tab completion of commands, rooms, users and files come from JLine;
 * {@code Alt-1} … {@code Alt-9} and {@code Alt-0} (window 10) switch windows as in irssi.
 */
final class InteractiveConsole {

    private final LineReader reader;
    private final ChatShell shell;

    InteractiveConsole(LineReader reader, ChatShell shell) {
        this.reader = reader;
        this.shell = shell;
        bindWindowKeys();
    }

    /** Completes {@code /commands} at the start of a line, files after {@code /download}, room and user names elsewhere. */
    static Completer completer(ChatShell shell) {
        return (reader, line, candidates) -> {
            if (line.wordIndex() == 0 && line.word().startsWith("/")) {
                for (CommandSpec spec : CommandSpec.values()) {
                    candidates.add(new Candidate("/" + spec.commandName(), "/" + spec.commandName(), null,
                            spec.description(), null, null, true));
                }
                return;
            }
            if (line.wordIndex() == 1 && "/download".equalsIgnoreCase(line.words().get(0))) {
                shell.knownFiles().forEach(file -> candidates.add(new Candidate(file)));
                return;
            }
            List<String> names = new ArrayList<>(shell.knownRooms());
            names.addAll(shell.knownUsers());
            for (String name : names) {
                candidates.add(new Candidate(name));
            }
        };
    }

    private void bindWindowKeys() {
        KeyMap<org.jline.reader.Binding> keys = reader.getKeyMaps().get(LineReader.MAIN);
        for (int digit = 0; digit <= 9; digit++) {
            int window = digit == 0 ? 10 : digit;
            String widget = "chat-window-" + window;
            reader.getWidgets().put(widget, () -> {
                if (shell.selectWindow(window)) {
                    showPrompt();
                }
                return true;
            });
            keys.bind(new Reference(widget), KeyMap.alt((char) ('0' + digit)));
        }
    }

    /** Puts the current window's name in the prompt while a line is being read. */
    private void showPrompt() {
        if (reader instanceof LineReaderImpl impl) {
            impl.setPrompt(shell.prompt());
            reader.callWidget(LineReader.REDRAW_LINE);
            reader.callWidget(LineReader.REDISPLAY);
        }
    }

    void run() throws InterruptedException {
        while (!shell.quitRequested()) {
            String line;
            try {
                line = reader.readLine(shell.prompt());
            } catch (UserInterruptException e) {
                continue; // Ctrl-C clears the line; /quit or Ctrl-D leaves
            } catch (EndOfFileException e) {
                return;
            }
            try {
                shell.execute(line).get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                reader.printAbove("! " + e.getMessage());
            }
        }
    }
}

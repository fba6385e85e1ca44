package chatroom.client.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/**
 * The interactive loop: reads a line at the prompt ({@code [room]> }), runs it, repeats. History
 * of typed lines and tab completion of commands, rooms and user names come from JLine.
 */
final class InteractiveConsole {

    private final LineReader reader;
    private final ChatShell shell;

    InteractiveConsole(LineReader reader, ChatShell shell) {
        this.reader = reader;
        this.shell = shell;
    }

    /** Completes {@code /commands} at the start of a line and room or user names elsewhere. */
    static Completer completer(ChatShell shell) {
        return (reader, line, candidates) -> {
            if (line.wordIndex() == 0 && line.word().startsWith("/")) {
                for (CommandSpec spec : CommandSpec.values()) {
                    candidates.add(new Candidate("/" + spec.commandName(), "/" + spec.commandName(), null,
                            spec.description(), null, null, true));
                }
                return;
            }
            List<String> names = new ArrayList<>(shell.knownRooms());
            names.addAll(shell.knownUsers());
            for (String name : names) {
                candidates.add(new Candidate(name));
            }
        };
    }

    void run() throws InterruptedException {
        while (!shell.quitRequested()) {
            String line;
            try {
                String room = shell.currentRoom();
                line = reader.readLine(room == null ? "> " : "[" + room + "]> ");
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

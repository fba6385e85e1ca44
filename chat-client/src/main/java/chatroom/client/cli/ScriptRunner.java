package chatroom.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Scriptable mode: standard input is not a terminal, so commands are read line by line, each run
 * to its reply before the next; at the end of input the client leaves, once the events the last
 * commands caused (an {@code edited}, a {@code deleted}) have been printed.
 */
final class ScriptRunner {

    private final ChatShell shell;
    private final long commandTimeoutSeconds;

    ScriptRunner(ChatShell shell, long commandTimeoutSeconds) {
        this.shell = shell;
        this.commandTimeoutSeconds = commandTimeoutSeconds;
    }

    /** Runs every line; returns the exit status: 0, or 1 when a login failed. */
    int run(BufferedReader input) throws IOException, InterruptedException {
        for (String line; !shell.quitRequested() && (line = input.readLine()) != null; ) {
            try {
                shell.execute(line).get(commandTimeoutSeconds, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return 1;
            }
        }
        try {
            shell.drain().get(commandTimeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the server went quiet at the very end: what it sent is printed, the rest is lost anyway
        }
        return shell.loginFailed() ? 1 : 0;
    }
}

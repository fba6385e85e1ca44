package chatroom.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the tests that drive real programs (irssi, ii, WeeChat) ask of the machine and of the files those programs write. */
public final class Programs {

    private Programs() {
    }

    /** Whether {@code command} is on the PATH; a test assumes it and is skipped without it. */
    public static boolean installed(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A file a program writes as it goes: its text so far, or "" while it does not exist or cannot be read yet. */
    public static String readSoFar(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}

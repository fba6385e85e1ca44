package chatroom.client.cli;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import chatroom.codec.message.MessageEdited;
import java.util.List;

/** Where the shell's output goes and where it asks for missing input: a terminal, plain lines or JSON lines. */
interface ShellView {

    void message(ChatMessage message, String me);

    void event(Event event);

    /** A line from the client itself (results, connection state). */
    void system(String text);

    /** A failed command, as one readable line. */
    void error(String code, String text);

    /** A command's result for machine readers ({@code --json}); others ignore it. */
    default void result(Object result) {
    }

    /** Asks for a value (null when the view cannot ask, as in scriptable mode). */
    default String ask(String prompt) {
        return null;
    }

    /** Asks for a secret without echoing it (null when the view cannot ask). */
    default String askSecret(String prompt) {
        return null;
    }

    /** How far a file transfer has come; a terminal shows a progress bar, other views nothing. */
    default void progress(String label, long doneBytes, long totalBytes) {
    }

    /** The transfer shown by {@link #progress} has ended. */
    default void progressDone() {
    }

    /** A message got a new text; {@code author} is null when the shell never saw the message. */
    default void edited(MessageEdited edited, String author) {
        event(edited);
    }

    /** Whether other windows' lines wait until their window is current (a terminal), or all are printed. */
    default boolean windowed() {
        return false;
    }

    /** Rings the terminal bell: the user was mentioned. */
    default void bell() {
    }

    /** The current window and the windows with activity, for a status line. */
    default void windows(int current, String label, List<Windows.Activity> activity) {
    }

    /** Whether result lines meant for people should be shown (not in JSON mode). */
    default boolean human() {
        return true;
    }
}

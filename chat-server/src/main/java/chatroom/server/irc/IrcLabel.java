package chatroom.server.irc;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one labeled command (IRCv3 labeled-response): the lines it produced and how many
 * of the requests it made are still unanswered. It is complete when the command has run and every
 * request is answered.
 */
final class IrcLabel {

    private final String label;
    private final List<IrcMessage> lines = new ArrayList<>();
    private int unanswered;
    private boolean done;

    IrcLabel(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    void add(IrcMessage line) {
        lines.add(line);
    }

    List<IrcMessage> lines() {
        return lines;
    }

    void started() {
        unanswered++;
    }

    void finished() {
        unanswered--;
    }

    /** True once, when nothing is left to wait for. */
    boolean complete() {
        if (done || unanswered > 0) {
            return false;
        }
        done = true;
        return true;
    }
}

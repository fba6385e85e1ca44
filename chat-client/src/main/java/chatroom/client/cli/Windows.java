package chatroom.client.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The numbered windows, as in irssi: window 1 is the status window, each room and direct
 * conversation gets the next number when it is opened. One window is current; plain text goes to
 * its conversation. Thread-safe: events arrive on the client's thread, commands on the reader's.
 */
final class Windows {

    /** Items kept per window while it is not current; older ones are dropped (see {@code /history}). */
    private final int backlog;
    private final List<Window> windows = new ArrayList<>(List.of(new Window(null)));
    private int current;

    Windows(int backlog) {
        this.backlog = backlog;
    }

    int backlog() {
        return backlog;
    }

    synchronized Window current() {
        return windows.get(current);
    }

    synchronized int currentNumber() {
        return current + 1;
    }

    /** The current window's conversation, or null in the status window. */
    synchronized Conversation currentConversation() {
        return current().conversation();
    }

    synchronized Optional<Window> find(Conversation conversation) {
        return windows.stream().filter(w -> conversation.sameAs(w.conversation())).findFirst();
    }

    /** The conversation's window, opened at the end of the list if there is none yet. */
    synchronized Window open(Conversation conversation) {
        return find(conversation).orElseGet(() -> {
            Window window = new Window(conversation);
            windows.add(window);
            return window;
        });
    }

    synchronized int number(Window window) {
        return windows.indexOf(window) + 1;
    }

    synchronized boolean isCurrent(Window window) {
        return current() == window;
    }

    /** Makes window {@code number} (1-based) current; empty when there is no such window. */
    synchronized Optional<Window> select(int number) {
        if (number < 1 || number > windows.size()) {
            return Optional.empty();
        }
        current = number - 1;
        return Optional.of(current());
    }

    synchronized Window select(Window window) {
        current = Math.max(0, windows.indexOf(window));
        return current();
    }

    /** The window {@code step} places on from the current one, wrapping round ({@code /next}, {@code /prev}). */
    synchronized Window next(int step) {
        int size = windows.size();
        current = Math.floorMod(current + step, size);
        return current();
    }

    /** Closes a window (never the status window); the one before it becomes current if it was. */
    synchronized void close(Window window) {
        int index = windows.indexOf(window);
        if (index <= 0) {
            return;
        }
        windows.remove(index);
        if (current >= index) {
            current = Math.max(0, current - 1);
        }
    }

    synchronized List<Window> all() {
        return List.copyOf(windows);
    }

    /** Numbers of the windows with unseen messages, and whether each mentions the user, in order. */
    synchronized List<Activity> activity() {
        List<Activity> active = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            if (i != current && windows.get(i).active()) {
                active.add(new Activity(i + 1, windows.get(i).mentioned()));
            }
        }
        return active;
    }

    /** One entry of the activity line: a window number, highlighted when it holds a mention. */
    record Activity(int window, boolean mention) {
    }
}

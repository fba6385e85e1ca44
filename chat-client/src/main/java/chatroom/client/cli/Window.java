package chatroom.client.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One window: the status window (no conversation) or a room or direct conversation. While it is
 * not the current window, what arrives there is kept (a bounded backlog, {@link ShellOptions#windowBacklog}) and
 * counted as activity, to be printed when the user switches to it.
 */
final class Window {

    private Conversation conversation;
    private final Deque<Object> unseen = new ArrayDeque<>();
    private int dropped;
    private int unseenMessages;
    private boolean mentioned;
    private long lastSeq;
    private long lastOwnSeq;

    Window(Conversation conversation) {
        this.conversation = conversation;
    }

    Conversation conversation() {
        return conversation;
    }

    void rename(Conversation renamed) {
        conversation = renamed;
    }

    String label() {
        return conversation == null ? "status" : conversation.label();
    }

    /** Keeps a message or event for later; {@code message} counts it as activity. */
    void keep(Object item, boolean message, boolean mention, int backlog) {
        unseen.addLast(item);
        while (unseen.size() > backlog) {
            unseen.removeFirst();
            dropped++;
        }
        if (message) {
            unseenMessages++;
        }
        mentioned |= mention;
    }

    /** What arrived since the user left, oldest first; clears the activity. */
    List<Object> takeUnseen() {
        List<Object> items = new ArrayList<>(unseen);
        unseen.clear();
        clearActivity();
        return items;
    }

    /** How many kept items were dropped for the bound since the last {@link #takeUnseen}; resets. */
    int takeDropped() {
        int count = dropped;
        dropped = 0;
        return count;
    }

    void clearActivity() {
        unseenMessages = 0;
        mentioned = false;
    }

    boolean active() {
        return unseenMessages > 0;
    }

    boolean mentioned() {
        return mentioned;
    }

    long lastSeq() {
        return lastSeq;
    }

    void seen(long seq) {
        lastSeq = Math.max(lastSeq, seq);
    }

    long lastOwnSeq() {
        return lastOwnSeq;
    }

    void sentOwn(long seq) {
        lastOwnSeq = Math.max(lastOwnSeq, seq);
    }
}

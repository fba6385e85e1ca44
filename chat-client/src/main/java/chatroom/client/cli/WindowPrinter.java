package chatroom.client.cli;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import java.util.function.Supplier;

/**
 * Decides where a line goes: printed now when its window is current (or the view has no windows,
 * as in scriptable mode), else kept in its window as activity. What is printed counts as read.
 */
final class WindowPrinter {

    private final ShellView view;
    private final Windows windows;
    private final ReadMarkers readMarkers;
    private final Supplier<String> me;

    WindowPrinter(ShellView view, Windows windows, ReadMarkers readMarkers, Supplier<String> me) {
        this.view = view;
        this.windows = windows;
        this.readMarkers = readMarkers;
        this.me = me;
    }

    /** A message or event of a conversation; {@code message} counts it as activity when kept. */
    void deliver(Conversation conversation, Object item, boolean message, boolean mention) {
        Window window = windows.open(conversation);
        long seq = item instanceof ChatMessage m ? m.seq() : 0;
        window.seen(seq);
        if (!view.windowed() || windows.isCurrent(window)) {
            print(item);
            readMarkers.seen(conversation, seq);
        } else {
            window.keep(item, message, mention, windows.backlog());
        }
        refreshStatus();
    }

    /** Makes {@code window} current and prints what arrived there while the user was away. */
    void focus(Window window, boolean announce) {
        windows.select(window);
        if (announce) {
            view.system("window " + windows.number(window) + ": " + window.label());
        }
        int dropped = window.takeDropped();
        if (dropped > 0) {
            view.system(dropped + " earlier line(s) not shown; /history shows them");
        }
        window.takeUnseen().forEach(this::print);
        if (window.conversation() != null) {
            readMarkers.seen(window.conversation(), window.lastSeq());
        }
        refreshStatus();
    }

    /** Another session read the conversation up to {@code seq}: its activity is no news here. */
    void readElsewhere(Conversation conversation, long seq) {
        windows.find(conversation).ifPresent(window -> {
            if (seq >= window.lastSeq()) {
                window.clearActivity();
            }
        });
        refreshStatus();
    }

    void refreshStatus() {
        view.windows(windows.currentNumber(), windows.current().label(), windows.activity());
    }

    private void print(Object item) {
        if (item instanceof ChatMessage m) {
            view.message(m, me.get());
        } else if (item instanceof Event event) {
            view.event(event);
        } else if (item instanceof Runnable line) {
            line.run();
        }
    }
}

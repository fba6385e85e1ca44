package chatroom.client.cli;

import chatroom.client.ChatClient;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Moves the server's read marker (protocol section 10) as the user sees messages, at most once per
 * interval ({@link ShellOptions#readIntervalMs}) per conversation: a busy room then costs one {@code read} a second, not one
 * per line, and the last seq seen is always sent in the end.
 */
final class ReadMarkers implements AutoCloseable {

    private final ChatClient client;
    /** At most one {@code read} per conversation this often. */
    private final long intervalMs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chat-read-markers");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Marker> markers = new HashMap<>();

    ReadMarkers(ChatClient client, long intervalMs) {
        this.client = client;
        this.intervalMs = intervalMs;
    }

    /** The user has seen {@code seq} of the conversation; the marker follows within a second. */
    synchronized void seen(Conversation conversation, long seq) {
        if (seq <= 0 || client.user() == null) {
            return;
        }
        Marker marker = markers.computeIfAbsent(conversation.label().toLowerCase(Locale.ROOT),
                key -> new Marker(conversation));
        if (seq <= marker.seen) {
            return;
        }
        marker.seen = seq;
        if (!marker.scheduled) {
            marker.scheduled = true;
            long wait = Math.max(0, marker.sentAtMs + intervalMs - System.currentTimeMillis());
            timer.schedule(() -> send(marker), wait, TimeUnit.MILLISECONDS);
        }
    }

    private void send(Marker marker) {
        long seq;
        synchronized (this) {
            marker.scheduled = false;
            marker.sentAtMs = System.currentTimeMillis();
            if (marker.seen <= marker.sent) {
                return;
            }
            seq = marker.seen;
            marker.sent = seq;
        }
        Conversation c = marker.conversation;
        // a refused marker (left the room, seq gone) needs no retry: the next message moves it again
        (c.isDirect() ? client.readWith(c.with(), seq) : client.read(c.room(), seq)).exceptionally(error -> null);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static final class Marker {
        final Conversation conversation;
        long seen;
        long sent;
        long sentAtMs;
        boolean scheduled;

        Marker(Conversation conversation) {
            this.conversation = conversation;
        }
    }
}

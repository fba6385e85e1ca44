package chatroom.client.cli;

import chatroom.client.ChatListener;
import chatroom.client.ConnectionState;
import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import chatroom.codec.message.FileData;
import chatroom.codec.message.FileShared;
import chatroom.codec.message.Kicked;
import chatroom.codec.message.MessageDeleted;
import chatroom.codec.message.MessageEdited;
import chatroom.codec.message.Presence;
import chatroom.codec.message.ReadMarked;
import chatroom.codec.message.Renamed;
import chatroom.codec.message.RoomDeleted;
import chatroom.codec.message.TopicChanged;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the server pushes, shown to the user: each message and event in its conversation's window
 * (through the {@link WindowPrinter}), what the shell learns from them (users, rooms, topics,
 * files, authors) kept in the {@link ShellContext}, and the connection's ups and downs as one line
 * each, not one per reconnect attempt. Runs on the client's thread, as every {@link ChatListener}.
 */
final class ServerPushListener implements ChatListener {

    private final ShellContext ctx;
    /** Whether each user was last said to be online: presence arrives once per shared room, one line is enough. */
    private final Map<String, Boolean> online = new ConcurrentHashMap<>();
    private volatile boolean reconnecting;
    /** The server closed a connection nobody had logged in on; the next command reconnects without a word. */
    private volatile boolean idleReconnect;

    ServerPushListener(ShellContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void onMessage(ChatMessage message) {
        String me = ctx.client.user();
        Conversation conversation = Conversation.of(message);
        ctx.knownUsers.add(message.from());
        ctx.authors.add(conversation, message.seq(), message.from());
        boolean own = me != null && me.equalsIgnoreCase(message.from());
        if (own) {
            ctx.windows.open(conversation).sentOwn(message.seq());
        }
        boolean mention = !own && me != null && mentions(message, me);
        if (mention) {
            ctx.view.bell();
        }
        ctx.printer.deliver(conversation, message, true, mention);
    }

    private static boolean mentions(ChatMessage message, String me) {
        if (message.mentions() != null && !message.mentions().isEmpty()) {
            return message.mentions().stream().anyMatch(me::equalsIgnoreCase);
        }
        return message.text() != null && LineFormatter.mentions(message.text(), me);
    }

    @Override
    public void onEvent(Event event) {
        if (event instanceof FileData) {
            return; // the bytes of a download, not something to show
        }
        if (event instanceof ReadMarked read) {
            ctx.printer.readElsewhere(read.room() != null ? Conversation.room(read.room())
                    : Conversation.direct(read.with()), read.seq());
            return;
        }
        if (event instanceof MessageEdited edited) {
            Conversation c = edited.room() != null ? Conversation.room(edited.room()) : Conversation.direct(edited.with());
            String author = ctx.authors.of(c, edited.seq());
            ctx.printer.deliver(c, (Runnable) () -> ctx.view.edited(edited, author), false, false);
            return;
        }
        if (event instanceof MessageDeleted deleted) {
            Conversation c = deleted.room() != null ? Conversation.room(deleted.room()) : Conversation.direct(deleted.with());
            ctx.printer.deliver(c, deleted, false, false);
            return;
        }
        if (event instanceof Presence presence) {
            ctx.knownUsers.add(presence.user());
            if (!firstWordOfPresence(presence)) {
                return;
            }
        } else if (event instanceof Kicked kicked) {
            closeWindow(kicked.room());
        } else if (event instanceof RoomDeleted deleted) {
            ctx.knownRooms.remove(deleted.room());
            closeWindow(deleted.room());
        } else if (event instanceof Renamed renamed && "room".equals(renamed.kind())) {
            ctx.knownRooms.remove(renamed.old());
            ctx.knownRooms.add(renamed.newName());
            ctx.windows.find(Conversation.room(renamed.old())).ifPresent(w -> w.rename(Conversation.room(renamed.newName())));
        } else if (event instanceof TopicChanged topic) {
            ctx.topics.put(topic.room().toLowerCase(Locale.ROOT), topic.topic());
            ctx.printer.deliver(Conversation.room(topic.room()), event, false, false);
            return;
        } else if (event instanceof FileShared shared) {
            ctx.files.add(shared.fileId(), shared.name());
            ctx.printer.deliver(Conversation.room(shared.room()), event, false, false);
            return;
        }
        ctx.view.event(event);
        ctx.printer.refreshStatus();
    }

    /** Online and offline once per change of the user's state, not once per shared room. */
    private boolean firstWordOfPresence(Presence presence) {
        String user = presence.user().toLowerCase(Locale.ROOT);
        return switch (presence.event()) {
            case Presence.ONLINE -> !Boolean.TRUE.equals(online.put(user, true));
            case Presence.OFFLINE -> !Boolean.FALSE.equals(online.put(user, false));
            default -> true;
        };
    }

    private void closeWindow(String room) {
        ctx.windows.find(Conversation.room(room)).ifPresent(ctx.windows::close);
    }

    @Override
    public void onStateChange(ConnectionState state, String detail) {
        if (state == ConnectionState.RECONNECTING) {
            idleReconnect = false;
            if (!reconnecting) {
                reconnecting = true; // one line for the whole outage, not one per attempt
                ctx.view.system("connection lost; reconnecting (" + detail + ")");
            }
            return;
        }
        if (state == ConnectionState.CONNECTING && (reconnecting || idleReconnect)) {
            return;
        }
        if (idleReconnect && (state == ConnectionState.CONNECTED || state == ConnectionState.RESUMED)) {
            idleReconnect = state != ConnectionState.RESUMED; // RESUMED ends the quiet reconnect
            return;
        }
        reconnecting = false;
        switch (state) {
            case CONNECTING -> ctx.view.system("connecting to " + detail);
            case CONNECTED -> ctx.view.system("connected to " + detail);
            case RESUMED -> ctx.view.system(detail);
            case IDLE -> idleReconnect = true;
            case CLOSED -> ctx.view.system("disconnected");
            default -> { }
        }
    }
}

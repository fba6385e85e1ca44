package chatroom.client.cli;

import chatroom.client.ChatClient;
import chatroom.client.ChatException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;

/**
 * What every command group shares: the client, the view, the windows and what the shell has
 * learned (rooms, users, topics, files, authors), plus the small helpers that turn replies into
 * lines and words into arguments.
 */
final class ShellContext {

    final ChatClient client;
    final ShellView view;
    final ShellOptions options;
    final Windows windows;
    final ReadMarkers readMarkers;
    final WindowPrinter printer;
    final FileIndex files = new FileIndex();
    final MessageAuthors authors = new MessageAuthors();
    final Set<String> knownRooms = new ConcurrentSkipListSet<>(String.CASE_INSENSITIVE_ORDER);
    final Set<String> knownUsers = new ConcurrentSkipListSet<>(String.CASE_INSENSITIVE_ORDER);
    /** Topics by lower-case room name, from join replies and {@code topic} events. */
    final Map<String, String> topics = new ConcurrentHashMap<>();
    volatile boolean quit;
    volatile boolean loginFailed;

    ShellContext(ChatClient client, ShellView view, ShellOptions options) {
        this.client = client;
        this.view = view;
        this.options = options;
        this.windows = new Windows(options.windowBacklog());
        this.readMarkers = new ReadMarkers(client, options.readIntervalMs());
        this.printer = new WindowPrinter(view, windows, readMarkers, client::user);
    }

    /** The room of the current window, or null (status or direct window). */
    String currentRoom() {
        Conversation current = windows.currentConversation();
        return current == null || current.isDirect() ? null : current.room();
    }

    /** The current window's conversation, or a usage error in the status window. */
    Conversation requireConversation() {
        Conversation current = windows.currentConversation();
        if (current == null) {
            throw new UsageException();
        }
        return current;
    }

    String requireCurrentRoom() {
        String room = currentRoom();
        if (room == null) {
            throw new UsageException();
        }
        return room;
    }

    boolean isJoined(String room) {
        return client.joinedRooms().stream().anyMatch(r -> r.equalsIgnoreCase(room));
    }

    static String required(ParsedInput in, int index) {
        return in.word(index).orElseThrow(UsageException::new);
    }

    String ask(String prompt) {
        String value = view.ask(prompt);
        if (value == null || value.isBlank()) {
            throw new UsageException();
        }
        return value.strip();
    }

    String askSecret(String prompt) {
        String value = view.askSecret(prompt);
        if (value == null || value.isEmpty()) {
            throw new UsageException();
        }
        return value;
    }

    /** Completes when the request is answered: {@code onOk} with its result, or the error as a line. */
    <T> CompletableFuture<Void> handle(CompletableFuture<T> request, Consumer<T> onOk) {
        return request.handle((ok, error) -> {
            if (error != null) {
                showError(error);
            } else {
                onOk.accept(ok);
            }
            return null;
        });
    }

    void showError(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ChatException chat) {
            view.error(chat.code(), ErrorExplanations.explain(chat.code(), chat.getMessage()));
        } else {
            view.error("internal", String.valueOf(cause.getMessage()));
        }
    }

    static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}

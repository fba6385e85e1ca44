package chatroom.client.cli;

import static chatroom.client.cli.ShellContext.done;

import chatroom.client.ChatClient;
import chatroom.client.ConnectionState;
import chatroom.codec.message.Results.LoginResult;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The command language of the client, independent of how lines are read and shown: plain text goes
 * to the current window, {@code /commands} go to their group's {@link CommandGroup} (help and
 * completion come from the {@link CommandSpec} table), and what the server pushes goes to its
 * window through the {@link ServerPushListener}. Each {@link #execute} completes when its
 * command's replies are in.
 */
final class ChatShell {

    private final ShellContext ctx;
    private final AccountCommands account;
    private final ConversationCommands conversations;
    private final Map<CommandSpec.Group, CommandGroup> groups = new EnumMap<>(CommandSpec.Group.class);

    ChatShell(ChatClient client, ShellView view) {
        this(client, view, ShellOptions.DEFAULTS);
    }

    ChatShell(ChatClient client, ShellView view, ShellOptions options) {
        this.ctx = new ShellContext(client, view, options);
        this.account = new AccountCommands(ctx);
        this.conversations = new ConversationCommands(ctx);
        groups.put(CommandSpec.Group.ACCOUNT, account);
        groups.put(CommandSpec.Group.ROOMS, new RoomCommands(ctx, account));
        groups.put(CommandSpec.Group.WINDOWS, new WindowCommands(ctx));
        groups.put(CommandSpec.Group.CONVERSATIONS, conversations);
        groups.put(CommandSpec.Group.MODERATION, new ModerationCommands(ctx));
        groups.put(CommandSpec.Group.FILES, new FileCommands(ctx));
        client.addListener(new ServerPushListener(ctx));
    }

    /** The room of the current window, or null. */
    String currentRoom() {
        return ctx.currentRoom();
    }

    /** The prompt for the current window: {@code [study]> }, {@code [@bob]> }, or {@code > } in the status window. */
    String prompt() {
        Conversation current = ctx.windows.currentConversation();
        return current == null ? "> " : "[" + current.label() + "]> ";
    }

    /** Makes window {@code number} current (Alt-N); false when there is no such window. */
    boolean selectWindow(int number) {
        var all = ctx.windows.all();
        if (number < 1 || number > all.size()) {
            return false;
        }
        ctx.printer.focus(all.get(number - 1), true);
        return true;
    }

    boolean quitRequested() {
        return ctx.quit;
    }

    boolean loginFailed() {
        return ctx.loginFailed;
    }

    /** Rooms and users seen so far, for completion. */
    Set<String> knownRooms() {
        return ctx.knownRooms;
    }

    Set<String> knownUsers() {
        return ctx.knownUsers;
    }

    /** File ids and names seen so far, for completing {@code /download}. */
    java.util.List<String> knownFiles() {
        return ctx.files.words();
    }

    // ---- commands ----

    /** Runs one typed line; completes when it is done (never exceptionally). */
    CompletableFuture<Void> execute(String line) {
        ParsedInput input = ParsedInput.parse(line);
        if (!input.isCommand()) {
            return input.text().isEmpty() ? done() : conversations.sendText(input.text());
        }
        var spec = CommandSpec.find(input.command());
        if (spec.isEmpty()) {
            ctx.view.error("unknown_command", "unknown command /" + input.command() + "; /help lists commands");
            return done();
        }
        try {
            return groups.get(spec.get().group()).run(spec.get(), input)
                    .exceptionally(error -> {
                        if (error.getCause() instanceof UsageException) {
                            usage(spec.get());
                        } else {
                            ctx.showError(error);
                        }
                        return null;
                    });
        } catch (UsageException e) {
            usage(spec.get());
            return done();
        }
    }

    private void usage(CommandSpec spec) {
        ctx.view.error("usage", spec.usage() + "  (" + spec.description() + ")");
    }

    /**
     * Completes when everything the server sent before now has been shown: one {@code ping} round
     * trip, as the server answers a connection's requests in order. Never fails.
     */
    CompletableFuture<Void> drain() {
        if (ctx.client.state() != ConnectionState.CONNECTED && ctx.client.state() != ConnectionState.RESUMED) {
            return done();
        }
        return ctx.client.ping().handle((nanos, error) -> null);
    }

    /** Logs in (password or token) and rejoins the user's rooms so they resume after reconnects. */
    CompletableFuture<Void> login(CompletableFuture<LoginResult> login) {
        return account.login(login);
    }
}

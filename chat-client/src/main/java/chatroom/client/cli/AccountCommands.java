package chatroom.client.cli;

import static chatroom.client.cli.ShellContext.done;

import chatroom.codec.message.Results.ConversationEntry;
import chatroom.codec.message.Results.JoinResult;
import chatroom.codec.message.Results.LoginResult;
import chatroom.codec.message.Results.RoomSeq;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /register}, {@code /login}, {@code /logout}, {@code /help}, {@code /quit}, and what
 * follows a login: rejoin the rooms, open their windows, say what is waiting, learn the names
 * that Tab completes.
 */
final class AccountCommands implements CommandGroup {

    /** The room every user is in; the natural current window after login. */
    private static final String LOBBY = "lobby";
    /** Rooms whose file lists are fetched at login for completion; {@code /download} lists the rest on demand. */
    private static final int FILE_LISTS_AT_LOGIN = 10;

    private final ShellContext ctx;

    AccountCommands(ShellContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<Void> run(CommandSpec spec, ParsedInput in) {
        switch (spec) {
            case REGISTER -> {
                String user = in.word(0).orElseGet(() -> ctx.ask("user name: "));
                String password = in.word(1).orElseGet(() -> ctx.askSecret("password: "));
                return login(ctx.client.registerAndLogin(user, password));
            }
            case LOGIN -> {
                String user = in.word(0).orElseGet(() -> ctx.ask("user name: "));
                if (user.equalsIgnoreCase(String.valueOf(ctx.client.user()))) {
                    ctx.view.system("already logged in as " + ctx.client.user());
                    return done();
                }
                String password = in.word(1).orElseGet(() -> ctx.askSecret("password: "));
                return login(ctx.client.login(user, password));
            }
            case LOGOUT -> {
                return ctx.handle(ctx.client.logout(), ok -> {
                    ctx.view.system("logged out");
                    ctx.quit = true;
                });
            }
            case HELP -> {
                help(in.word(0).orElse(null));
                return done();
            }
            case QUIT -> {
                ctx.quit = true;
                return done();
            }
            default -> throw new IllegalArgumentException(spec.name());
        }
    }

    /** Logs in (password, token or register) and rejoins the user's rooms so they resume after reconnects. */
    CompletableFuture<Void> login(CompletableFuture<LoginResult> login) {
        return login.handle((ok, error) -> {
            if (error != null) {
                ctx.loginFailed = true;
                ctx.showError(error);
                return done();
            }
            ctx.loginFailed = false;
            return loggedIn(ok);
        }).thenCompose(next -> next);
    }

    private CompletableFuture<Void> loggedIn(LoginResult ok) {
        List<String> rooms = new ArrayList<>(ok.rooms().stream().map(RoomSeq::room).toList());
        rooms.sort((a, b) -> Boolean.compare(!LOBBY.equalsIgnoreCase(a), !LOBBY.equalsIgnoreCase(b)));
        ctx.knownRooms.addAll(rooms);
        ctx.view.result(ok);
        ctx.view.system("logged in as " + ok.user() + (rooms.isEmpty() ? "" : "; your rooms: " + String.join(", ", rooms)));
        List<CompletableFuture<?>> joins = new ArrayList<>();
        for (String room : rooms) {
            ctx.windows.open(Conversation.room(room));
            joins.add(ctx.client.join(room).thenAccept(this::rememberTopic));
        }
        return CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).handle((all, joinError) -> {
            if (ctx.windows.currentConversation() == null && !rooms.isEmpty()) {
                ctx.printer.focus(ctx.windows.open(Conversation.room(rooms.get(0))), false);
            }
            if (ctx.currentRoom() != null) {
                ctx.view.system("current room: " + ctx.currentRoom());
            }
            return null;
        }).thenCompose(joined -> summary()).thenCompose(summed -> learnNames());
    }

    /**
     * One line on what waits ({@code conversations}). On a terminal, the unread messages themselves
     * (at most a window's backlog) go to their windows, so they join the activity line and are
     * printed when the user switches there.
     */
    private CompletableFuture<Void> summary() {
        return ctx.client.conversations(null).thenCompose(ok -> {
            ctx.view.result(ok);
            ctx.view.system(LoginSummary.of(ok.conversations()));
            List<CompletableFuture<Void>> replays = new ArrayList<>();
            for (ConversationEntry entry : ok.conversations()) {
                if (entry.with() != null) {
                    ctx.knownUsers.add(entry.with());
                }
                if (entry.unread() > 0 && ctx.view.windowed()) {
                    replays.add(replayUnread(entry));
                }
            }
            ctx.printer.refreshStatus();
            return CompletableFuture.allOf(replays.toArray(CompletableFuture[]::new));
        }).exceptionally(error -> {
            ctx.showError(error);
            return null;
        });
    }

    private CompletableFuture<Void> replayUnread(ConversationEntry entry) {
        Conversation conversation = entry.with() != null ? Conversation.direct(entry.with()) : Conversation.room(entry.room());
        int count = (int) Math.min(entry.seq() - entry.read(), ctx.windows.backlog());
        long after = entry.seq() - count;
        var history = conversation.isDirect() ? ctx.client.historyWith(entry.with(), null, after, count)
                : ctx.client.history(entry.room(), null, after, count);
        String me = ctx.client.user();
        return history.thenAccept(page -> page.messages().forEach(m -> {
            boolean own = m.from().equalsIgnoreCase(me);
            boolean mention = !own && m.mentions() != null && m.mentions().stream().anyMatch(me::equalsIgnoreCase);
            ctx.authors.add(conversation, m.seq(), m.from());
            ctx.printer.deliver(conversation, m, !own, mention);
        })).exceptionally(error -> null);
    }

    /** Online users, rooms and the files of (the first few) joined rooms, so Tab completes them right after login. */
    private CompletableFuture<Void> learnNames() {
        List<CompletableFuture<?>> asked = new ArrayList<>();
        asked.add(ctx.client.users().thenAccept(ok -> ctx.knownUsers.addAll(ok.users())));
        asked.add(ctx.client.rooms().thenAccept(ok -> ok.rooms().forEach(room -> ctx.knownRooms.add(room.room()))));
        ctx.client.joinedRooms().stream().limit(FILE_LISTS_AT_LOGIN).forEach(room -> asked.add(ctx.client.files()
                .list(room).thenAccept(ok -> ok.files().forEach(f -> ctx.files.add(f.fileId(), f.name())))));
        return CompletableFuture.allOf(asked.stream().map(f -> f.exceptionally(error -> null))
                .toArray(CompletableFuture[]::new));
    }

    void rememberTopic(JoinResult joined) {
        ctx.topics.put(joined.room().toLowerCase(Locale.ROOT), joined.topic() == null ? "" : joined.topic());
    }

    private void help(String command) {
        if (command != null) {
            var spec = CommandSpec.find(command.startsWith("/") ? command.substring(1) : command);
            if (spec.isPresent()) {
                ctx.view.system(spec.get().usage() + "  " + spec.get().description());
                return;
            }
        }
        ctx.view.system("type text to send it to the current window, or a command:");
        for (CommandSpec spec : CommandSpec.values()) {
            ctx.view.system(spec.helpLine());
        }
    }
}

package chatroom.client.cli;

import static chatroom.client.cli.ShellContext.done;
import static chatroom.client.cli.ShellContext.required;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@code /window}, {@code /next}, {@code /prev}, {@code /close}, {@code /query}, {@code /switch}: moving between windows. */
final class WindowCommands implements CommandGroup {

    private final ShellContext ctx;

    WindowCommands(ShellContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<Void> run(CommandSpec spec, ParsedInput in) {
        switch (spec) {
            case WINDOW -> {
                if (in.words().isEmpty()) {
                    list();
                    return done();
                }
                String which = in.words().get(0);
                Optional<Window> window = isNumber(which) ? byNumber(which) : ctx.windows.find(Conversation.parse(which));
                window.ifPresentOrElse(w -> ctx.printer.focus(w, true),
                        () -> ctx.view.error("no_such_window", "no window " + which + " (/window lists them)"));
            }
            case NEXT -> ctx.printer.focus(ctx.windows.next(1), true);
            case PREV -> ctx.printer.focus(ctx.windows.next(-1), true);
            case CLOSE -> {
                Window window = in.word(0).filter(WindowCommands::isNumber).flatMap(this::byNumber)
                        .orElse(ctx.windows.current());
                if (window.conversation() == null) {
                    ctx.view.error("usage", "the status window stays open");
                } else {
                    ctx.windows.close(window);
                    ctx.printer.focus(ctx.windows.current(), true);
                }
            }
            case QUERY -> {
                String user = required(in, 0);
                String name = user.startsWith("@") && user.length() > 1 ? user.substring(1) : user;
                ctx.knownUsers.add(name);
                ctx.printer.focus(ctx.windows.open(Conversation.direct(name)), true);
            }
            case SWITCH -> {
                String room = RoomCommands.stripHash(required(in, 0));
                String joined = ctx.client.joinedRooms().stream().filter(r -> r.equalsIgnoreCase(room)).findFirst()
                        .orElse(null);
                if (joined == null) {
                    ctx.view.error("not_member", "you have not joined " + room + " (use /join " + room + ")");
                } else {
                    ctx.printer.focus(ctx.windows.open(Conversation.room(joined)), false);
                    ctx.view.system("now in " + joined);
                }
            }
            default -> throw new IllegalArgumentException(spec.name());
        }
        return done();
    }

    private static boolean isNumber(String word) {
        return !word.isEmpty() && word.length() < 6 && word.chars().allMatch(Character::isDigit);
    }

    private Optional<Window> byNumber(String number) {
        int n = Integer.parseInt(number);
        var all = ctx.windows.all();
        return n >= 1 && n <= all.size() ? Optional.of(all.get(n - 1)) : Optional.empty();
    }

    /** Lists the windows: {@code /window} without a number. */
    void list() {
        for (Window window : ctx.windows.all()) {
            ctx.view.system(ctx.windows.number(window) + ": " + window.label());
        }
    }
}

package chatroom.client.cli;

import static chatroom.client.cli.ShellContext.done;
import static chatroom.client.cli.ShellContext.required;

import java.util.concurrent.CompletableFuture;

/** {@code /kick}, {@code /mute}, {@code /unmute}, {@code /ban}, {@code /unban} and the server admin's {@code /admin ...}. */
final class ModerationCommands implements CommandGroup {

    private final ShellContext ctx;

    ModerationCommands(ShellContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<Void> run(CommandSpec spec, ParsedInput in) {
        var client = ctx.client;
        switch (spec) {
            case KICK -> {
                String room = required(in, 0);
                String user = required(in, 1);
                String reason = in.restFrom(2);
                return ctx.handle(client.kick(room, user, reason.isEmpty() ? null : reason),
                        ok -> ctx.view.system("kicked " + user + " from " + room));
            }
            case MUTE -> {
                String room = required(in, 0);
                String user = required(in, 1);
                Long seconds = in.word(2).map(ModerationCommands::seconds).orElse(null);
                return ctx.handle(client.mute(room, user, seconds), ok -> ctx.view.system("muted " + user + " in " + room
                        + (seconds == null ? " until /unmute" : " for " + seconds + " s")));
            }
            case UNMUTE -> {
                String room = required(in, 0);
                String user = required(in, 1);
                return ctx.handle(client.unmute(room, user), ok -> ctx.view.system("unmuted " + user + " in " + room));
            }
            case BAN -> {
                String user = required(in, 0);
                String reason = in.restFrom(1);
                return ctx.handle(client.ban(user, reason.isEmpty() ? null : reason),
                        ok -> ctx.view.system("banned " + user));
            }
            case UNBAN -> {
                String user = required(in, 0);
                return ctx.handle(client.unban(user), ok -> ctx.view.system("unbanned " + user));
            }
            case ADMIN -> {
                return admin(in);
            }
            default -> throw new IllegalArgumentException(spec.name());
        }
    }

    private CompletableFuture<Void> admin(ParsedInput in) {
        var client = ctx.client;
        String sub = in.word(0).orElse("help");
        var command = AdminCommand.find(sub);
        if (command.isEmpty()) {
            if (!"help".equals(sub)) {
                ctx.view.error("usage", "/admin " + sub + " is not an admin command");
            }
            ctx.view.system("admin commands (server admins only):");
            for (AdminCommand each : AdminCommand.values()) {
                ctx.view.system(each.helpLine());
            }
            return done();
        }
        switch (command.get()) {
            case DELETE_USER -> {
                String user = required(in, 1);
                return ctx.handle(client.deleteUser(user), ok -> ctx.view.system("deleted the account " + user));
            }
            case RENAME_USER -> {
                String user = required(in, 1);
                String newName = required(in, 2);
                return ctx.handle(client.renameUser(user, newName),
                        ok -> ctx.view.system("renamed " + user + " to " + newName));
            }
            case RESET_PASSWORD -> {
                String user = required(in, 1);
                String password = in.word(2).orElseGet(() -> ctx.askSecret("new password for " + user + ": "));
                return ctx.handle(client.resetPassword(user, password), ok -> ctx.view.system("set a new password for "
                        + user + "; their sessions were closed"));
            }
            case GRANT -> {
                String user = required(in, 1);
                return ctx.handle(client.grantAdmin(user), ok -> ctx.view.system(user + " is now a server admin"));
            }
            case REVOKE -> {
                String user = required(in, 1);
                return ctx.handle(client.revokeAdmin(user), ok -> ctx.view.system(user + " is no longer a server admin"));
            }
            case DELETE_ROOM -> {
                String room = required(in, 1);
                return ctx.handle(client.deleteRoom(room), ok -> ctx.view.system("deleted the room " + room));
            }
            case RENAME_ROOM -> {
                String room = required(in, 1);
                String newName = required(in, 2);
                return ctx.handle(client.renameRoom(room, newName),
                        ok -> ctx.view.system("renamed the room " + room + " to " + newName));
            }
            default -> throw new IllegalArgumentException(command.get().name());
        }
    }

    private static Long seconds(String word) {
        try {
            return Long.parseLong(word);
        } catch (NumberFormatException e) {
            throw new UsageException();
        }
    }
}

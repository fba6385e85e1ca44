package chatroom.client.cli;

import static chatroom.client.cli.CommandSpec.Group.ACCOUNT;
import static chatroom.client.cli.CommandSpec.Group.CONVERSATIONS;
import static chatroom.client.cli.CommandSpec.Group.FILES;
import static chatroom.client.cli.CommandSpec.Group.MODERATION;
import static chatroom.client.cli.CommandSpec.Group.ROOMS;
import static chatroom.client.cli.CommandSpec.Group.WINDOWS;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every slash command: its name, its arguments as shown in help, what it does, and the
 * {@link Group} whose {@link CommandGroup} runs it. {@code /help} and Tab completion are generated
 * from this one table.
 */
enum CommandSpec {
    REGISTER(ACCOUNT, "register", "[NAME [PASSWORD]]", "create an account and log in (asks for what is missing)"),
    LOGIN(ACCOUNT, "login", "[NAME [PASSWORD]]", "log in (asks for what is missing)"),
    LOGOUT(ACCOUNT, "logout", "", "log out and disconnect"),
    JOIN(ROOMS, "join", "ROOM", "join a room (created if it does not exist) and open its window"),
    LEAVE(ROOMS, "leave", "[ROOM]", "leave a room (default: the current one) and close its window"),
    SWITCH(WINDOWS, "switch", "ROOM", "switch to the window of a room you have joined"),
    WINDOW(WINDOWS, "window", "N|ROOM|@USER", "switch to window N (also Alt-N; 1 is the status window)"),
    NEXT(WINDOWS, "next", "", "switch to the next window"),
    PREV(WINDOWS, "prev", "", "switch to the previous window"),
    CLOSE(WINDOWS, "close", "[N]", "close a window (rooms stay joined; a new message opens it again)"),
    QUERY(WINDOWS, "query", "USER", "open a window for direct messages with USER"),
    ROOMS_LIST(ROOMS, "rooms", "", "list rooms"),
    MEMBERS(ROOMS, "members", "[ROOM]", "list a room's members, online first"),
    USERS(ROOMS, "users", "", "list users online now"),
    TOPIC(ROOMS, "topic", "[ROOM] [TEXT]", "show a room's topic, or set it"),
    MSG(CONVERSATIONS, "msg", "USER TEXT", "send a direct message"),
    ME(CONVERSATIONS, "me", "ACTION", "send an action to the current window (* you ACTION)"),
    HISTORY(CONVERSATIONS, "history", "[@USER|#ROOM] [N]", "show the last N messages (default 20); again pages back"),
    SEARCH(CONVERSATIONS, "search", "TEXT", "search your rooms and direct messages, newest first"),
    EDIT(CONVERSATIONS, "edit", "[SEQ] TEXT", "replace the text of your last message here (or of #SEQ)"),
    DELETE(CONVERSATIONS, "delete", "[SEQ]", "delete your last message here (or #SEQ)"),
    CREATE(ROOMS, "create", "ROOM [USER...]", "create a private room with these members and switch to it"),
    INVITE(ROOMS, "invite", "ROOM USER", "make a user a member (the owner, for a private room)"),
    KICK(MODERATION, "kick", "ROOM USER [REASON]", "remove a user from a room (owner or admin)"),
    MUTE(MODERATION, "mute", "ROOM USER [SECONDS]", "stop a member sending to a room, for a while or until /unmute (owner or admin)"),
    UNMUTE(MODERATION, "unmute", "ROOM USER", "let a muted member send again (owner or admin)"),
    BAN(MODERATION, "ban", "USER [REASON]", "ban a user (admin)"),
    UNBAN(MODERATION, "unban", "USER", "lift a ban (admin)"),
    UPLOAD(FILES, "upload", "PATH [ROOM]", "share a file in a room (default: the current one)"),
    FILES_LIST(FILES, "files", "[ROOM]", "list the files shared in a room"),
    DOWNLOAD(FILES, "download", "FILE [PATH]", "download a shared file by id, id prefix or name prefix (Tab completes); resumes"),
    ADMIN(MODERATION, "admin", "SUBCOMMAND ...", "server administration: /admin help lists the subcommands (admin)"),
    HELP(ACCOUNT, "help", "[COMMAND]", "show help"),
    QUIT(ACCOUNT, "quit", "", "leave the client");

    /** The command groups; each has one {@link CommandGroup} class. */
    enum Group { ACCOUNT, ROOMS, WINDOWS, CONVERSATIONS, MODERATION, FILES }

    private final Group group;
    private final String name;
    private final String usage;
    private final String description;

    CommandSpec(Group group, String name, String usage, String description) {
        this.group = group;
        this.name = name;
        this.usage = usage;
        this.description = description;
    }

    Group group() {
        return group;
    }

    String commandName() {
        return name;
    }

    String usage() {
        return "/" + name + (usage.isEmpty() ? "" : " " + usage);
    }

    String description() {
        return description;
    }

    /** The help line of this command, as {@code /help} lists it. */
    String helpLine() {
        return String.format("  %-24s %s", usage(), description);
    }

    static Optional<CommandSpec> find(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(spec -> spec.name.equals(wanted)).findFirst();
    }
}

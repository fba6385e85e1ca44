package chatroom.client.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Every slash command: its name, its arguments as shown in help, and what it does. */
enum CommandSpec {
    REGISTER("register", "[NAME [PASSWORD]]", "create an account (asks for what is missing)"),
    LOGIN("login", "[NAME [PASSWORD]]", "log in (asks for what is missing)"),
    LOGOUT("logout", "", "log out and disconnect"),
    JOIN("join", "ROOM", "join a room (created if it does not exist) and switch to it"),
    LEAVE("leave", "[ROOM]", "leave a room (default: the current one)"),
    SWITCH("switch", "ROOM", "make ROOM the current room, where plain text goes"),
    ROOMS("rooms", "", "list rooms"),
    MEMBERS("members", "[ROOM]", "list a room's members, online first"),
    USERS("users", "", "list users online now"),
    TOPIC("topic", "[ROOM] TEXT", "set a room's topic"),
    MSG("msg", "USER TEXT", "send a direct message"),
    HISTORY("history", "[ROOM] [N]", "show the last N messages of a room (default 20)"),
    CREATE("create", "ROOM [USER...]", "create a private room with these members and switch to it"),
    INVITE("invite", "ROOM USER", "make a user a member (the owner, for a private room)"),
    KICK("kick", "ROOM USER [REASON]", "remove a user from a room (owner or admin)"),
    MUTE("mute", "ROOM USER [SECONDS]", "stop a member sending to a room, for a while or until /unmute (owner or admin)"),
    UNMUTE("unmute", "ROOM USER", "let a muted member send again (owner or admin)"),
    BAN("ban", "USER [REASON]", "ban a user (admin)"),
    UNBAN("unban", "USER", "lift a ban (admin)"),
    UPLOAD("upload", "PATH [ROOM]", "share a file in a room (default: the current one)"),
    FILES("files", "[ROOM]", "list the files shared in a room"),
    DOWNLOAD("download", "FILE_ID [PATH]", "download a shared file (to PATH or the current directory); resumes"),
    ADMIN("admin", "SUBCOMMAND ...", "server administration: /admin help lists the subcommands (admin)"),
    HELP("help", "[COMMAND]", "show help"),
    QUIT("quit", "", "leave the client");

    private final String name;
    private final String usage;
    private final String description;

    CommandSpec(String name, String usage, String description) {
        this.name = name;
        this.usage = usage;
        this.description = description;
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

    static Optional<CommandSpec> find(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(spec -> spec.name.equals(wanted)).findFirst();
    }
}

package chatroom.client.cli;

import java.util.Arrays;
import java.util.Optional;

/**
 * The subcommands of {@code /admin}: name, arguments and what each does. {@code /admin help} is
 * generated from this table, as {@code /help} is from {@link CommandSpec}; {@link ModerationCommands}
 * runs them.
 */
enum AdminCommand {
    DELETE_USER("delete-user", "USER", "remove an account (its messages stay)"),
    RENAME_USER("rename-user", "USER NEW_NAME", "rename an account; messages follow"),
    RESET_PASSWORD("reset-password", "USER [PASS]", "set a new password (asked for if missing)"),
    GRANT("grant", "USER", "make an account a server admin"),
    REVOKE("revoke", "USER", "take an account's admin rights (not the last admin's)"),
    DELETE_ROOM("delete-room", "ROOM", "delete a room (its messages are kept)"),
    RENAME_ROOM("rename-room", "ROOM NEW_NAME", "rename a room; messages and files follow");

    private final String name;
    private final String usage;
    private final String description;

    AdminCommand(String name, String usage, String description) {
        this.name = name;
        this.usage = usage;
        this.description = description;
    }

    /** The help line of this subcommand, as {@code /admin help} lists it. */
    String helpLine() {
        return String.format("  %-35s %s", "/admin " + name + " " + usage, description);
    }

    /** The subcommand of exactly this name (as before the table, names are case-sensitive). */
    static Optional<AdminCommand> find(String name) {
        return Arrays.stream(values()).filter(command -> command.name.equals(name)).findFirst();
    }
}

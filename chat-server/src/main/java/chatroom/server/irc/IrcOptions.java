package chatroom.server.irc;

import picocli.CommandLine.Option;

/** The server's command-line options for the IRC gateway (a picocli mixin of the server command). */
public final class IrcOptions {

    @Option(names = "--irc-port",
            defaultValue = "${env:CHAT_IRC_PORT:-" + IrcConfig.DEFAULT_PORT + "}",
            description = "IRC port (same accounts, rooms and limits as the chat port); 0 picks a free one "
                    + "[CHAT_IRC_PORT]. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--no-irc", negatable = false, defaultValue = "${env:CHAT_NO_IRC:-false}",
            description = "Do not open the IRC port [CHAT_NO_IRC].")
    boolean off;

    @Option(names = "--irc-motd", defaultValue = "${env:CHAT_IRC_MOTD:-}",
            description = "IRC message of the day; none sends 422 [CHAT_IRC_MOTD].")
    String motd;

    @Option(names = "--irc-away-interval-ms",
            defaultValue = "${env:CHAT_IRC_AWAY_INTERVAL_MS:-" + IrcConfig.DEFAULT_AWAY_INTERVAL_MS + "}",
            description = "Shortest time between two announcements of one IRC connection's AWAY changes; "
                    + "changes in between are coalesced (0 = none) [CHAT_IRC_AWAY_INTERVAL_MS]. Default: ${DEFAULT-VALUE}")
    long awayIntervalMs;

    /** The gateway these options describe, or null when it is off. */
    public IrcConfig toConfig() {
        return off ? null : new IrcConfig(port, motd, awayIntervalMs);
    }
}

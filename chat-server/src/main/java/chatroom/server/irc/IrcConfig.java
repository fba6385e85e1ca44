package chatroom.server.irc;

/**
 * Where the IRC gateway listens. TLS follows the chat port's {@code --tls-cert}/{@code --tls-key}.
 *
 * @param port the IRC port; 0 picks a free one
 * @param motd the message of the day, one IRC line per text line; empty: {@code 422 ERR_NOMOTD}
 * @param awayIntervalMs the shortest time between two announcements of one connection's AWAY
 *     changes to the others (each walks the online sessions); changes in between are coalesced
 *     and the latest state goes out when the interval ends
 */
public record IrcConfig(int port, String motd, long awayIntervalMs) {

    /** The registered IRC port. */
    public static final int DEFAULT_PORT = 6667;
    /** One AWAY announcement a second per connection: far above what a person types. */
    public static final long DEFAULT_AWAY_INTERVAL_MS = 1000;

    public IrcConfig(int port, String motd) {
        this(port, motd, DEFAULT_AWAY_INTERVAL_MS);
    }

    public IrcConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("irc port must be 0..65535, got " + port);
        }
        motd = motd == null ? "" : motd;
        if (awayIntervalMs < 0 || awayIntervalMs > 3_600_000) {
            throw new IllegalArgumentException("irc away interval must be 0..3600000 ms, got " + awayIntervalMs);
        }
    }
}

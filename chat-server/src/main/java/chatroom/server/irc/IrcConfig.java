package chatroom.server.irc;

/**
 * Where the IRC gateway listens. TLS follows the chat port's {@code --tls-cert}/{@code --tls-key}.
 *
 * @param port the IRC port; 0 picks a free one
 * @param motd the message of the day, one IRC line per text line; empty: {@code 422 ERR_NOMOTD}
 */
public record IrcConfig(int port, String motd) {

    /** The registered IRC port. */
    public static final int DEFAULT_PORT = 6667;

    public IrcConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("irc port must be 0..65535, got " + port);
        }
        motd = motd == null ? "" : motd;
    }
}

package chatroom.server.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How long a connection may stay silent or anonymous, how many may be open, and which web pages may
 * open one.
 *
 * @param heartbeatS seconds between client pings, announced in {@code welcome}
 * @param idleTimeoutS seconds of silence before a connection is closed; longer than the heartbeat
 * @param loginTimeoutS seconds a connection may stay without logging in
 * @param maxConnections open connections on all listeners; 0: the open-file limit minus {@link #fdReserve}
 * @param maxConnectionsPerAddress open connections from one remote address
 * @param fdReserve file descriptors the connection cap leaves for everything else
 * @param overCapHealthConnections HTTP connections beyond the caps still answered on {@code /health}
 * @param httpRequestTimeoutS seconds an HTTP request (or WebSocket handshake) may take to arrive whole
 * @param allowedOrigins origins besides the server's own whose pages may open {@code /ws}, lower-case
 */
public record ConnectionSettings(int heartbeatS, int idleTimeoutS, int loginTimeoutS, int maxConnections,
                                 int maxConnectionsPerAddress, int fdReserve, int overCapHealthConnections,
                                 int httpRequestTimeoutS, Set<String> allowedOrigins) {

    public static final int DEFAULT_HEARTBEAT_S = 30;
    public static final int DEFAULT_IDLE_TIMEOUT_S = 90;
    public static final int DEFAULT_LOGIN_TIMEOUT_S = 10;
    /** 0: as many as the open-file limit leaves after the reserve (a set value above that is lowered at start). */
    public static final int DEFAULT_MAX_CONNECTIONS = 0;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 1000;
    /**
     * The JVM's own descriptors (jars, event loops), the database with its WAL, log files, files being
     * streamed, pooled PostgreSQL and Redis connections, and the over-cap {@code /health} places.
     */
    public static final int DEFAULT_FD_RESERVE = 256;
    public static final int DEFAULT_OVER_CAP_HEALTH_CONNECTIONS = 8;
    public static final int DEFAULT_HTTP_REQUEST_TIMEOUT_S = 10;
    public static final ConnectionSettings DEFAULTS = new ConnectionSettings(DEFAULT_HEARTBEAT_S,
            DEFAULT_IDLE_TIMEOUT_S, DEFAULT_LOGIN_TIMEOUT_S, DEFAULT_MAX_CONNECTIONS,
            DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_FD_RESERVE, DEFAULT_OVER_CAP_HEALTH_CONNECTIONS,
            DEFAULT_HTTP_REQUEST_TIMEOUT_S, Set.of());

    public ConnectionSettings {
        Range.check("heartbeatS", heartbeatS, 1, 86_400);
        Range.check("idleTimeoutS", idleTimeoutS, 1, 86_400);
        Range.check("loginTimeoutS", loginTimeoutS, 1, 86_400);
        Range.check("maxConnections", maxConnections, 0, 10_000_000);
        Range.check("maxConnectionsPerAddress", maxConnectionsPerAddress, 1, 10_000_000);
        Range.check("fdReserve", fdReserve, 0, 1_000_000);
        Range.check("overCapHealthConnections", overCapHealthConnections, 0, 10_000);
        Range.check("httpRequestTimeoutS", httpRequestTimeoutS, 1, 3600);
        allowedOrigins = Objects.requireNonNull(allowedOrigins, "allowedOrigins").stream()
                .map(ConnectionSettings::origin).collect(Collectors.toUnmodifiableSet());
        if (idleTimeoutS <= heartbeatS) {
            throw new IllegalArgumentException("idle timeout (" + idleTimeoutS
                    + " s) must be longer than the heartbeat (" + heartbeatS + " s)");
        }
    }

    /** An origin as browsers send it: lower-case {@code scheme://host[:port]}, no path. */
    private static String origin(String value) {
        String origin = value.strip().toLowerCase(Locale.ROOT);
        if (origin.endsWith("/")) {
            origin = origin.substring(0, origin.length() - 1);
        }
        if (!origin.matches("https?://[^/?#@\\s]+")) {
            throw new IllegalArgumentException("--allowed-origins takes origins like https://chat.example.com, not "
                    + value);
        }
        return origin;
    }
}

package chatroom.server.config;

import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine.Option;

/** The command-line options of {@link ConnectionSettings} (a picocli mixin of the server command). */
public final class ConnectionOptions {

    @Option(names = "--heartbeat-s", defaultValue = "${env:CHAT_HEARTBEAT_S:-" + ConnectionSettings.DEFAULT_HEARTBEAT_S + "}",
            description = "Seconds between client pings, announced in welcome [CHAT_HEARTBEAT_S]. Default: ${DEFAULT-VALUE}")
    int heartbeatS;

    @Option(names = "--idle-timeout-s",
            defaultValue = "${env:CHAT_IDLE_TIMEOUT_S:-" + ConnectionSettings.DEFAULT_IDLE_TIMEOUT_S + "}",
            description = "Seconds of silence before a connection is closed [CHAT_IDLE_TIMEOUT_S]. Default: ${DEFAULT-VALUE}")
    int idleTimeoutS;

    @Option(names = "--login-timeout-s",
            defaultValue = "${env:CHAT_LOGIN_TIMEOUT_S:-" + ConnectionSettings.DEFAULT_LOGIN_TIMEOUT_S + "}",
            description = "Seconds a connection may stay without logging in [CHAT_LOGIN_TIMEOUT_S]. "
                    + "Default: ${DEFAULT-VALUE}")
    int loginTimeoutS;

    @Option(names = "--max-connections",
            defaultValue = "${env:CHAT_MAX_CONNECTIONS:-" + ConnectionSettings.DEFAULT_MAX_CONNECTIONS + "}",
            description = "Open connections on all ports together; 0: what the open-file limit allows after "
                    + "--fd-reserve, and a higher value is lowered to that [CHAT_MAX_CONNECTIONS]. Default: ${DEFAULT-VALUE}")
    int maxConnections;

    @Option(names = "--max-connections-per-address",
            defaultValue = "${env:CHAT_MAX_CONNECTIONS_PER_ADDRESS:-"
                    + ConnectionSettings.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS + "}",
            description = "Open connections from one address [CHAT_MAX_CONNECTIONS_PER_ADDRESS]. "
                    + "Default: ${DEFAULT-VALUE}")
    int maxConnectionsPerAddress;

    @Option(names = "--fd-reserve", defaultValue = "${env:CHAT_FD_RESERVE:-" + ConnectionSettings.DEFAULT_FD_RESERVE + "}",
            description = "Open files kept back from the connection cap for the database, logs, files being sent, "
                    + "PostgreSQL/Redis and over-cap /health checks [CHAT_FD_RESERVE]. Default: ${DEFAULT-VALUE}")
    int fdReserve;

    @Option(names = "--over-cap-health-connections",
            defaultValue = "${env:CHAT_OVER_CAP_HEALTH_CONNECTIONS:-"
                    + ConnectionSettings.DEFAULT_OVER_CAP_HEALTH_CONNECTIONS + "}",
            description = "HTTP connections beyond the connection caps still answered on /health (503 for anything "
                    + "else) [CHAT_OVER_CAP_HEALTH_CONNECTIONS]. Default: ${DEFAULT-VALUE}")
    int overCapHealthConnections;

    @Option(names = "--http-request-timeout-s",
            defaultValue = "${env:CHAT_HTTP_REQUEST_TIMEOUT_S:-" + ConnectionSettings.DEFAULT_HTTP_REQUEST_TIMEOUT_S + "}",
            description = "Seconds an HTTP request or WebSocket handshake has to arrive whole, counted from the "
                    + "connection or the previous response [CHAT_HTTP_REQUEST_TIMEOUT_S]. Default: ${DEFAULT-VALUE}")
    int httpRequestTimeoutS;

    @Option(names = "--allowed-origins", paramLabel = "ORIGIN,...", defaultValue = "${env:CHAT_ALLOWED_ORIGINS:-}",
            description = "Origins besides the server's own whose pages may open /ws, comma-separated, "
                    + "e.g. https://chat.example.com [CHAT_ALLOWED_ORIGINS]. Default: none")
    String allowedOrigins;

    public ConnectionSettings toSettings() {
        return new ConnectionSettings(heartbeatS, idleTimeoutS, loginTimeoutS, maxConnections, maxConnectionsPerAddress,
                fdReserve, overCapHealthConnections, httpRequestTimeoutS, commaSeparated(allowedOrigins));
    }

    private static Set<String> commaSeparated(String values) {
        Set<String> set = new HashSet<>();
        if (values != null) {
            for (String value : values.split(",")) {
                if (!value.isBlank()) {
                    set.add(value.trim());
                }
            }
        }
        return set;
    }
}

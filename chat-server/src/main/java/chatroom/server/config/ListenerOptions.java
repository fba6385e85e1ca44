package chatroom.server.config;

import chatroom.common.Transport;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The command-line options of {@link ListenerSettings} (a picocli mixin of the server command). */
public final class ListenerOptions {

    @Option(names = "--host", defaultValue = "${env:CHAT_HOST:-" + ListenerSettings.DEFAULT_HOST + "}",
            description = "Address to listen on [CHAT_HOST]. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", defaultValue = "${env:CHAT_PORT:-" + ListenerSettings.DEFAULT_PORT + "}",
            description = "TCP port; 0 picks a free one [CHAT_PORT]. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--http-port", defaultValue = "${env:CHAT_HTTP_PORT:-" + ListenerSettings.DEFAULT_HTTP_PORT + "}",
            description = "HTTP port: the web page, /ws, /health, /metrics; 0 picks a free one, -1 turns it off "
                    + "[CHAT_HTTP_PORT]. Default: ${DEFAULT-VALUE}")
    int httpPort;

    @Option(names = "--io-threads", defaultValue = "${env:CHAT_IO_THREADS:-" + ListenerSettings.DEFAULT_IO_THREADS + "}",
            description = "Event loop threads serving connections [CHAT_IO_THREADS]. Default: ${DEFAULT-VALUE}, one per core "
                    + "but one, which the store's writer keeps busy (at least one)")
    int ioThreads;

    @Option(names = "--shutdown-grace-s",
            defaultValue = "${env:CHAT_SHUTDOWN_GRACE_S:-" + ListenerSettings.DEFAULT_SHUTDOWN_GRACE_S + "}",
            description = "Seconds to wait for clients to take their bye on shutdown [CHAT_SHUTDOWN_GRACE_S]. "
                    + "Default: ${DEFAULT-VALUE}")
    int shutdownGraceS;

    @Option(names = "--accept-backlog",
            defaultValue = "${env:CHAT_ACCEPT_BACKLOG:-" + ListenerSettings.DEFAULT_ACCEPT_BACKLOG + "}",
            description = "Connections each port lets the kernel hold, handshake done, until the server accepts them; "
                    + "the kernel caps it at net.core.somaxconn [CHAT_ACCEPT_BACKLOG]. Default: ${DEFAULT-VALUE}")
    int acceptBacklog;

    @Option(names = "--fanout-linger-us",
            defaultValue = "${env:CHAT_FANOUT_LINGER_US:-" + ListenerSettings.DEFAULT_FAN_OUT_LINGER_US + "}",
            description = "Shortest time in microseconds between two sends of an event loop's message fan-out; "
                    + "messages committed meanwhile go out together, in one write per member. 0 sends each at once "
                    + "(more CPU under load); a message after a quiet spell always leaves at once [CHAT_FANOUT_LINGER_US]. "
                    + "Default: ${DEFAULT-VALUE}")
    int fanOutLingerUs;

    @Option(names = "--fanout-rest-percent",
            defaultValue = "${env:CHAT_FANOUT_REST_PERCENT:-" + ListenerSettings.DEFAULT_FAN_OUT_REST_PERCENT + "}",
            description = "How long an event loop waits after sending a message fan-out before the next, in percent "
                    + "of the time that one took: under load each member's write then carries more messages, for "
                    + "less CPU and a little more wait; 0 sends the next as soon as the linger allows "
                    + "[CHAT_FANOUT_REST_PERCENT]. Default: ${DEFAULT-VALUE}")
    int fanOutRestPercent;

    @Option(names = "--fanout-slice",
            defaultValue = "${env:CHAT_FANOUT_SLICE:-" + ListenerSettings.DEFAULT_FAN_OUT_SLICE + "}",
            description = "Members an event loop sends a fan-out to before it reads its sockets again, so a big "
                    + "room's messages never hold up everyone else's requests; 0 sends each fan-out in one go "
                    + "(less CPU under load, longer waits) [CHAT_FANOUT_SLICE]. Default: ${DEFAULT-VALUE}")
    int fanOutSlice;

    @Option(names = "--no-epoll", negatable = false,
            defaultValue = "${env:CHAT_NO_EPOLL:-" + !ListenerSettings.DEFAULT_EPOLL + "}",
            description = "Use Java NIO even where native epoll is available [CHAT_NO_EPOLL].")
    boolean noEpoll;

    @Option(names = "--transport", paramLabel = "auto|io_uring|epoll|nio",
            defaultValue = "${env:CHAT_TRANSPORT:-" + ListenerSettings.DEFAULT_TRANSPORT_NAME + "}", converter = TransportConverter.class,
            description = "Network transport to try first; one the kernel refuses falls back to the next "
                    + "(io_uring, epoll, nio); auto = the fastest allowed [CHAT_TRANSPORT]. Default: ${DEFAULT-VALUE}")
    Transport.Preference transport;

    public ListenerSettings toSettings() {
        return new ListenerSettings(host, port, httpPort, ioThreads, !noEpoll, transport, shutdownGraceS,
                acceptBacklog, fanOutLingerUs, fanOutRestPercent, fanOutSlice);
    }

    /** {@code io_uring}, {@code epoll}, ... in any case onto {@link Transport.Preference}. */
    static final class TransportConverter implements CommandLine.ITypeConverter<Transport.Preference> {
        @Override
        public Transport.Preference convert(String value) {
            try {
                return Transport.Preference.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not one of auto, io_uring, epoll, nio");
            }
        }
    }
}

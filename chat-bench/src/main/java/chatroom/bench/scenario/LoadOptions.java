package chatroom.bench.scenario;

import chatroom.common.Transport;
import java.net.InetSocketAddress;
import java.util.Locale;
import picocli.CommandLine;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every scenario shares: where the server is, how long to run, where results go. */
public final class LoadOptions {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
    public String host;

    @Option(names = "--port", defaultValue = "8888", split = ",",
            description = "Server TCP port; several (comma-separated) spread the clients round-robin over the "
                    + "nodes of a cluster (default: ${DEFAULT-VALUE}).")
    public int[] ports;

    @Option(names = "--duration-s", defaultValue = "10", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    public double durationS;

    @Option(names = "--warmup-s", defaultValue = "3",
            description = "Seconds of load before measuring starts (default: ${DEFAULT-VALUE}).")
    public double warmupS;

    @Option(names = "--threads", defaultValue = "2",
            description = "Event loop threads of the load generator (default: ${DEFAULT-VALUE}).")
    public int threads;

    @Option(names = "--no-epoll", description = "Use NIO even where native epoll is available (wins over --transport).")
    public boolean noEpoll;

    @Option(names = "--transport", defaultValue = "epoll", paramLabel = "auto|io_uring|epoll|nio",
            converter = TransportConverter.class,
            description = "The load generator's network transport; one the kernel refuses falls back to the next "
                    + "(default: ${DEFAULT-VALUE}).")
    public Transport.Preference transport;

    @Option(names = "--user-prefix", defaultValue = "bench",
            description = "Bench users are named PREFIX-0000, PREFIX-0001, ... (default: ${DEFAULT-VALUE}).")
    public String userPrefix;

    @Option(names = "--password", defaultValue = "bench-password", description = "Password of the bench users.")
    public String password;

    @Option(names = "--source-addresses", defaultValue = "16",
            description = "Spread connections over this many 127.0.0.x source addresses (default: ${DEFAULT-VALUE}).")
    public int sourceAddresses;

    @Option(names = "--out", defaultValue = "bench-results",
            description = "Directory for the JSON, CSV, histogram and PNG results (default: ${DEFAULT-VALUE}).")
    public Path out;

    @Option(names = "--label", defaultValue = "", description = "A free-form label stored with the results.")
    public String label;

    @Option(names = "--token-cache", description = "File of cached login tokens (default: OUT/tokens-HOST-PORT.properties).")
    public Path tokenCache;

    /** The transport to try first: {@code --transport}, or NIO with {@code --no-epoll}. */
    public Transport.Preference transport() {
        return noEpoll ? Transport.Preference.NIO : transport;
    }

    /** The first server (the only one, without a cluster). */
    public InetSocketAddress server() {
        return server(0);
    }

    /** The server of client number {@code index}: the ports take turns. */
    public InetSocketAddress server(int index) {
        return new InetSocketAddress(host, ports[index % ports.length]);
    }

    public Path tokenCacheFile() {
        return tokenCache != null ? tokenCache : out.resolve("tokens-" + host + "-" + ports[0] + ".properties");
    }

    public String userName(int index) {
        return String.format("%s-%04d", userPrefix, index);
    }

    /** {@code io_uring}, {@code epoll}, ... in any case. */
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

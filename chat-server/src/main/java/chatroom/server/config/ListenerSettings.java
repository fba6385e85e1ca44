package chatroom.server.config;

import chatroom.common.Transport;
import java.util.Objects;

/**
 * Where the server listens and how it runs its event loops.
 *
 * @param host the address every listener binds
 * @param port the chat port; 0 picks a free one
 * @param httpPort the HTTP port (page, /ws, /health, /metrics); 0 picks a free one, {@link #NO_HTTP} none
 * @param ioThreads event loop threads; 0 given means {@link #defaultIoThreads} for this machine
 * @param epoll whether to use native epoll where the platform has it (NIO otherwise)
 * @param transport the network transport to try first; {@code epoll == false} still means NIO
 * @param shutdownGraceS seconds shutdown waits for clients to take their {@code bye}
 * @param acceptBacklog connections each listener lets the kernel hold, handshake done, until it accepts them
 * @param fanOutLingerUs the shortest time in microseconds between two drains of an event loop's message
 *     fan-out: messages committed meanwhile go out together; 0 sends each commit's at once
 * @param fanOutRestPercent how long a loop rests after a fan-out pass before the next, in percent of the
 *     time the pass kept it busy; 0: no rest
 * @param fanOutSlice sessions a loop writes a fan-out to before it reads its sockets again; 0: all at once
 */
public record ListenerSettings(String host, int port, int httpPort, int ioThreads, boolean epoll,
        Transport.Preference transport, int shutdownGraceS, int acceptBacklog, int fanOutLingerUs,
        int fanOutRestPercent, int fanOutSlice) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8888;
    /** The command line's HTTP port; a config built in code has none unless it sets one. */
    public static final int DEFAULT_HTTP_PORT = 8080;
    /** An {@link #httpPort} meaning "no HTTP port". */
    public static final int NO_HTTP = -1;
    /**
     * 0: {@link #defaultIoThreads}, one per core but one. Netty's default of two per core measured
     * fewer fan-out deliveries on a 2-core box, and one per core a p99 twice as long as one loop's at
     * 200,000 paced deliveries/s, for 15-20 % more CPU (docs/benchmarks.md, round ten): the store's
     * writer is a busy thread of its own, and loops that take every core preempt it and each other.
     */
    public static final int DEFAULT_IO_THREADS = 0;
    public static final boolean DEFAULT_EPOLL = true;
    public static final int DEFAULT_SHUTDOWN_GRACE_S = 10;
    /**
     * What a reconnect storm of 19,000 clients was measured with, no accept-queue overflow counted
     * (docs/benchmarks.md, round twelve). Linux caps it at {@code net.core.somaxconn}.
     */
    public static final int DEFAULT_ACCEPT_BACKLOG = 1024;
    /**
     * Fan-out drains at most every 2 ms per event loop: at 100,000 paced deliveries/s to 100 clients
     * the server used a tenth less CPU per delivery (6.7 against 7.5 s per million, the mean of five
     * alternated pairs), the p99 no worse; the other fan-out rows did not change (docs/benchmarks.md,
     * round thirteen). A message after a quiet spell still leaves at once.
     */
    public static final int DEFAULT_FAN_OUT_LINGER_US = 2000;
    /** The longest fan-out linger accepted: a tenth of a second is already a visible delay. */
    public static final int MAX_FAN_OUT_LINGER_US = 100_000;
    /**
     * A rest of a quarter of each pass: at 200 paced sends/s to 1000 members on two cores the loop
     * otherwise ran its passes back to back, and the server used 102-104 % of a core against ngircd's
     * 95-97 %; with it 85-91 %, the p99 about ngircd's (26-38 against 34-42 ms; rest 0: 22-29). 50 %
     * took the CPU to 73-80 % and the p99 past ngircd's; 100 %, 59 % and a p99 of 56 ms. Small rooms
     * and the pipelining rows did not change (docs/benchmarks.md, round seventeen).
     */
    public static final int DEFAULT_FAN_OUT_REST_PERCENT = 25;
    /** The longest rest accepted: ten times a pass. */
    public static final int MAX_FAN_OUT_REST_PERCENT = 1000;
    /**
     * 128 sessions, about a millisecond of writes, between two looks at the sockets: at 200 paced
     * sends/s to 1000 members a fan-out in one piece held every other read, so each send's commit and
     * {@code ok}, behind the pass before it. Slices took the p99 of a delivery from 34-41 to 24-31 ms and
     * the sender's {@code ok} p50 from 17 to 4 ms, for 8-10 % more CPU: commits no longer wait, so each
     * covers fewer messages and the loop writes more often (docs/benchmarks.md, round fourteen).
     */
    public static final int DEFAULT_FAN_OUT_SLICE = 128;
    public static final int MAX_FAN_OUT_SLICE = 1_000_000;
    /**
     * Epoll: io_uring works in this sandbox's kernel but has not been measured faster on the fan-out
     * workloads yet (docs/benchmarks.md); {@code --transport io_uring} or {@code auto} tries it.
     */
    public static final String DEFAULT_TRANSPORT_NAME = "epoll";
    public static final Transport.Preference DEFAULT_TRANSPORT =
            Transport.Preference.valueOf(DEFAULT_TRANSPORT_NAME.toUpperCase(java.util.Locale.ROOT));
    public static final ListenerSettings DEFAULTS = new ListenerSettings(DEFAULT_HOST, DEFAULT_PORT,
            DEFAULT_HTTP_PORT, DEFAULT_IO_THREADS, DEFAULT_EPOLL, DEFAULT_TRANSPORT, DEFAULT_SHUTDOWN_GRACE_S,
            DEFAULT_ACCEPT_BACKLOG, DEFAULT_FAN_OUT_LINGER_US, DEFAULT_FAN_OUT_REST_PERCENT, DEFAULT_FAN_OUT_SLICE);

    public ListenerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        Range.check("port", port, 0, 65535);
        Range.check("httpPort", httpPort, NO_HTTP, 65535);
        ioThreads = ioThreads == 0 ? defaultIoThreads(Runtime.getRuntime().availableProcessors())
                : Range.check("ioThreads", ioThreads, 1, 1024);
        Range.check("shutdownGraceS", shutdownGraceS, 0, 3600);
        Range.check("acceptBacklog", acceptBacklog, 1, 65_535);
        Range.check("fanOutLingerUs", fanOutLingerUs, 0, MAX_FAN_OUT_LINGER_US);
        Range.check("fanOutRestPercent", fanOutRestPercent, 0, MAX_FAN_OUT_REST_PERCENT);
        Range.check("fanOutSlice", fanOutSlice, 0, MAX_FAN_OUT_SLICE);
    }

    /** Event loops for a machine of {@code cores}: one per core, leaving one to the store's writer; at least one. */
    public static int defaultIoThreads(int cores) {
        return Math.max(1, cores - 1);
    }
}

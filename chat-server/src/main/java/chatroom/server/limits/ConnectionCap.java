package chatroom.server.limits;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.OptionalLong;

/**
 * The total connection cap the server runs with. Each connection holds a file descriptor, so a cap
 * above the process's open-file limit only moves the failure: past it, accept fails with
 * "Too many open files", and so does opening the database, a log file or a file to stream, for
 * everyone. The cap is therefore the limit minus a reserve for everything that is not a client
 * connection, and a configured value above that is lowered.
 *
 * @param max the cap to enforce
 * @param lowered whether a configured value was lowered to fit the open-file limit
 * @param explanation one line for the start-up log
 */
public record ConnectionCap(int max, boolean lowered, String explanation) {

    /** The cap when none is configured and the platform does not tell its open-file limit. */
    public static final int FALLBACK_MAX = 100_000;

    private static final int HIGHEST = 10_000_000;

    /**
     * @param configured the configured cap; 0 for "whatever the open-file limit allows"
     * @param openFileLimit the process's open-file limit, empty when unknown
     * @param reserve descriptors kept for everything but client connections
     * @throws IllegalArgumentException when the limit leaves no room for a single connection
     */
    public static ConnectionCap derive(int configured, OptionalLong openFileLimit, int reserve) {
        if (openFileLimit.isEmpty()) {
            int max = configured == 0 ? FALLBACK_MAX : configured;
            return new ConnectionCap(max, false, "connection cap " + max + " (the open-file limit is unknown here)");
        }
        long limit = openFileLimit.getAsLong();
        long room = limit - reserve;
        if (room < 1) {
            throw new IllegalArgumentException("the open-file limit " + limit + " leaves no room for connections after "
                    + "--fd-reserve " + reserve + ": raise the limit (ulimit -n) or lower --fd-reserve");
        }
        int allowed = (int) Math.min(room, HIGHEST);
        String budget = "open-file limit " + limit + " minus --fd-reserve " + reserve;
        if (configured == 0) {
            return new ConnectionCap(allowed, false, "connection cap " + allowed + " (" + budget + ")");
        }
        if (configured > allowed) {
            return new ConnectionCap(allowed, true, "--max-connections " + configured + " lowered to " + allowed
                    + ": the " + budget + " leaves no more (raise ulimit -n to allow more)");
        }
        return new ConnectionCap(configured, false, "connection cap " + configured + " (--max-connections; the "
                + budget + " would allow " + allowed + ")");
    }

    /** This process's open-file limit, read once at start-up; empty where the JVM cannot tell it. */
    public static OptionalLong openFileLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0) {
            return OptionalLong.of(unix.getMaxFileDescriptorCount());
        }
        return OptionalLong.empty();
    }
}

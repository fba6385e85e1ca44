package chatroom.server.limits;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connection caps of the whole server, shared by every listener (chat, HTTP and WebSocket, and
 * any later one): a connection counts from the moment its listener's initializer {@linkplain #admit
 * admits} it until it closes, whatever protocol it speaks or whether it ever logs in. Counting at
 * accept rather than at login is the point: a file descriptor is held from accept on.
 *
 * <p>Beyond the caps a listener refuses at once, in its own protocol. A few more places are kept
 * for HTTP {@code /health} checks ({@link #admitOverCap}), so a monitor can still see a full server
 * as alive. Thread-safe; one instance per server.
 */
public final class ConnectionLimiter {

    /** What {@link #admit} decided for a connection. */
    public enum Admission {
        ADMITTED,
        /** Its remote address already has the most connections allowed. */
        OVER_ADDRESS_CAP,
        /** The server already has the most connections allowed. */
        OVER_TOTAL_CAP
    }

    private static final AttributeKey<Admission> ADMISSION = AttributeKey.valueOf("connectionAdmission");

    private final int maxConnections;
    private final int maxPerAddress;
    private final int overCapPlaces;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger openOverCap = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    /**
     * @param maxConnections open connections on all listeners together
     * @param maxPerAddress open connections from one remote address
     * @param overCapPlaces connections beyond the caps a listener may still serve in a restricted way
     */
    public ConnectionLimiter(int maxConnections, int maxPerAddress, int overCapPlaces) {
        if (maxConnections < 1 || maxPerAddress < 1 || overCapPlaces < 0) {
            throw new IllegalArgumentException("caps must be positive: " + maxConnections + ", " + maxPerAddress
                    + ", " + overCapPlaces);
        }
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
        this.overCapPlaces = overCapPlaces;
    }

    /**
     * Counts a just-accepted connection against both caps; an admitted one is released when it
     * closes. Call once per connection, first thing in the listener's initializer; the answer is
     * also kept on the channel for {@link #admissionOf}.
     */
    public Admission admit(Channel channel) {
        InetAddress address = addressOf(channel);
        Admission admission = acquire(address);
        channel.attr(ADMISSION).set(admission);
        if (admission == Admission.ADMITTED) {
            channel.closeFuture().addListener(closed -> release(address));
        }
        return admission;
    }

    /**
     * Takes one of the places kept for connections beyond the caps, released when it closes.
     *
     * @return false when those are all taken too
     */
    public boolean admitOverCap(Channel channel) {
        if (openOverCap.incrementAndGet() > overCapPlaces) {
            openOverCap.decrementAndGet();
            return false;
        }
        channel.closeFuture().addListener(closed -> openOverCap.decrementAndGet());
        return true;
    }

    /** What {@link #admit} decided for this channel; admitted when it never went through a limiter. */
    public static Admission admissionOf(Channel channel) {
        Admission admission = channel.attr(ADMISSION).get();
        return admission == null ? Admission.ADMITTED : admission;
    }

    /** Connections admitted and still open, all listeners together. */
    public int openConnections() {
        return open.get();
    }

    public int maxConnections() {
        return maxConnections;
    }

    private Admission acquire(InetAddress address) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            return Admission.OVER_TOTAL_CAP;
        }
        if (address == null) {
            return Admission.ADMITTED;
        }
        boolean[] counted = new boolean[1];
        perAddress.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerAddress) {
                return count;
            }
            counted[0] = true;
            return now + 1;
        });
        if (!counted[0]) {
            open.decrementAndGet();
            return Admission.OVER_ADDRESS_CAP;
        }
        return Admission.ADMITTED;
    }

    private void release(InetAddress address) {
        if (address != null) {
            perAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
        }
        open.decrementAndGet();
    }

    private static InetAddress addressOf(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}

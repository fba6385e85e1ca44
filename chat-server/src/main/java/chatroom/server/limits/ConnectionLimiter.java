package chatroom.server.limits;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>In a cluster the per-address cap holds for all nodes together: each node tallies its
 * connections per address in the {@link SharedCounters}, and the cluster's tally is their sum. The
 * accept path never waits for Redis: a connection is admitted here at once, and one script adds it
 * to the tally only if the cluster is under the cap; if not, the connection is refused a round trip
 * later, with the same answer (see {@link #OVER_CLUSTER_ADDRESS_CAP}). Every connection is checked
 * that way, not only those beyond a node's share: a node that skipped the check for connections
 * within its share could not see another node's additions still on their way, and the address
 * could pass the cap. When Redis cannot be asked, the node allows its share, {@code cap / N}.
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
    /** The tally of connections per address that the nodes of a cluster share. */
    static final String TALLY = "conns";
    /**
     * The user event fired on a connection that was admitted here but found its address at the
     * cluster's cap: the session answers it as it answers {@link Admission#OVER_ADDRESS_CAP} at accept.
     */
    public static final Admission OVER_CLUSTER_ADDRESS_CAP = Admission.OVER_ADDRESS_CAP;
    /** How long a refused connection whose pipeline did not answer the refusal may stay open. */
    private static final long LATE_REFUSAL_GRACE_MS = 2_000;
    private static final CompletableFuture<Boolean> NOT_SHARED = CompletableFuture.completedFuture(false);

    private final int maxConnections;
    private final int maxPerAddress;
    private final int overCapPlaces;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger openOverCap = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final SharedCounters cluster;

    /** The caps of a single node. */
    public ConnectionLimiter(int maxConnections, int maxPerAddress, int overCapPlaces) {
        this(maxConnections, maxPerAddress, overCapPlaces, SharedCounters.NONE);
    }

    /**
     * @param maxConnections open connections on all listeners together
     * @param maxPerAddress open connections from one remote address
     * @param overCapPlaces connections beyond the caps a listener may still serve in a restricted way
     * @param cluster where the nodes of a cluster tally connections per address; {@link SharedCounters#NONE} alone
     */
    public ConnectionLimiter(int maxConnections, int maxPerAddress, int overCapPlaces, SharedCounters cluster) {
        if (maxConnections < 1 || maxPerAddress < 1 || overCapPlaces < 0) {
            throw new IllegalArgumentException("caps must be positive: " + maxConnections + ", " + maxPerAddress
                    + ", " + overCapPlaces);
        }
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
        this.overCapPlaces = overCapPlaces;
        this.cluster = cluster;
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
            CompletableFuture<Boolean> shared = shareWithCluster(channel, address);
            channel.closeFuture().addListener(closed -> {
                release(address);
                shared.thenAccept(counted -> {
                    if (counted) {
                        cluster.add(TALLY, address.getHostAddress(), -1);
                    }
                });
            });
        }
        return admission;
    }

    /**
     * Counts an admitted connection in the cluster's tally, without waiting; refuses it later if
     * the cluster is at the cap. Completes with whether the tally counts it (to be taken back when
     * it closes).
     */
    private CompletableFuture<Boolean> shareWithCluster(Channel channel, InetAddress address) {
        if (cluster == SharedCounters.NONE || address == null) {
            return NOT_SHARED;
        }
        return cluster.addIfUnder(TALLY, address.getHostAddress(), 1, maxPerAddress).thenApply(added -> {
            if (!added) {
                channel.eventLoop().execute(() -> refuseLate(channel));
            }
            return added;
        });
    }

    /** On the channel's event loop: the address is at the cluster's cap after all. */
    private static void refuseLate(Channel channel) {
        if (!channel.isOpen()) {
            return;
        }
        channel.attr(ADMISSION).set(Admission.OVER_ADDRESS_CAP);
        channel.pipeline().fireUserEventTriggered(OVER_CLUSTER_ADDRESS_CAP);
        // a pipeline without a session (plain HTTP) does not answer it: close it anyway
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, LATE_REFUSAL_GRACE_MS, TimeUnit.MILLISECONDS);
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

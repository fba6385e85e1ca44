package chatroom.server.files;

import chatroom.server.limits.SharedCounters;
import java.util.concurrent.CompletableFuture;

/**
 * The bytes of one user's uploads in progress, for a cluster as a whole: each node tallies its
 * reservations per user in the {@link SharedCounters} (a {@code file_put} adds its size, the end of
 * the upload takes it back), and an upload may start only if the user's stored bytes plus the
 * reservations on every live node plus its size stay within the per-user quota. So parallel
 * uploads of one user on several nodes cannot pass the quota together; what a crashed node
 * reserved drops out with it. When Redis cannot be reached, a node reserves at most its share,
 * {@code 1/N}, of what is left of the quota. On a single node this adds nothing to {@link FileQuota}.
 */
public final class SharedUploadReservations {

    static final String TALLY = "uploads";

    private final SharedCounters counters;
    private final long perUserBytes;

    public SharedUploadReservations(SharedCounters counters, FileQuotas quotas) {
        this.counters = counters;
        this.perUserBytes = quotas.perUserBytes();
    }

    /**
     * Adds {@code reservation} (made here already) to the cluster's tally of {@code userKey}, which
     * has {@code storedByUser} bytes stored; it is taken back when the reservation ends.
     *
     * @return whether the cluster's quota allows it; if not, {@code reservation} is released
     */
    public CompletableFuture<Boolean> share(String userKey, FileQuota.Reservation reservation, long storedByUser) {
        if (counters == SharedCounters.NONE) {
            return CompletableFuture.completedFuture(true);
        }
        long size = reservation.size();
        return counters.addIfUnder(TALLY, userKey, size, perUserBytes - storedByUser).thenApply(added -> {
            if (added) {
                reservation.whenEnded(() -> counters.add(TALLY, userKey, -size));
            } else {
                reservation.release();
            }
            return added;
        });
    }
}

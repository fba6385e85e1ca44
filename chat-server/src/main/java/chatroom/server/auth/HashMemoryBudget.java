package chatroom.server.auth;

/**
 * How much heap password hashing may hold: each running Argon2id hash holds its whole memory
 * (19 MiB by default) until it finishes, so the pool holds at most threads × memory. A pool that
 * could take more than half of the maximum heap is refused at start, with the figures and what to
 * change, rather than found out as an {@code OutOfMemoryError} in the middle of a login storm.
 */
public final class HashMemoryBudget {

    /** The share of the maximum heap the hashing pool may hold at most, in percent. */
    public static final int MAX_HEAP_PERCENT = 50;
    private static final long MIB = 1024 * 1024;

    private HashMemoryBudget() {
    }

    /**
     * The bytes {@code threads} hashes of {@code memoryKiB} hold together.
     *
     * @throws IllegalArgumentException when that is more than {@link #MAX_HEAP_PERCENT} % of {@code maxHeapBytes}
     */
    public static long check(int threads, int memoryKiB, long maxHeapBytes) {
        long perHash = memoryKiB * 1024L;
        long pool = perHash * threads;
        if (pool * 100 > maxHeapBytes * MAX_HEAP_PERCENT) {
            throw new IllegalArgumentException(String.format(
                    "password hashing may hold %d threads × %d MiB (Argon2id) = %d MiB, more than half of the "
                            + "maximum heap (%d MiB); lower --hash-threads or raise the heap (-Xmx)",
                    threads, perHash / MIB, pool / MIB, maxHeapBytes / MIB));
        }
        return pool;
    }
}

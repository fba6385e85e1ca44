package chatroom.bench.client;

/**
 * The load generator's one clock: nanoseconds since this JVM's start of measuring, never negative,
 * so a send time fits in a message text as plain digits. Senders and receivers share a JVM, so their
 * readings compare.
 */
public final class BenchClock {

    private static final long ORIGIN = System.nanoTime();

    private BenchClock() {
    }

    public static long nanos() {
        return System.nanoTime() - ORIGIN + 1;
    }
}

package chatroom.bench.client;

import io.netty.channel.Channel;

/**
 * A connection that can write timed messages and learn when each one is answered: the JSON
 * contract's {@code send} ({@link BenchConnection}) or IRC's {@code PRIVMSG}
 * ({@code chatroom.bench.irc.IrcBenchConnection}). Event loop only, except {@link #channel}.
 */
public interface TimedSender {

    /** What a timed message's text starts with; the send time in {@link BenchClock} nanos follows. */
    String MARKER = "bench ";

    Channel channel();

    /** Where replies, deliveries and the close are reported from now on. */
    void listener(DeliveryListener listener);

    /** Timed messages written whose answer has not arrived yet. */
    int outstanding();

    boolean isActive();

    /**
     * Writes one timed message whose text is {@code bench <now> <padding>}.
     *
     * @param target where it goes, in the connection's own encoding
     * @param flush whether to flush now (false when a burst of sends follows)
     */
    void sendTimed(byte[] target, byte[] padding, boolean flush);

    /** Flushes what {@link #sendTimed} wrote. */
    void flush();
}

package chatroom.server.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a session's connection is closed on purpose (as HiveMQ's
 * {@code MqttServerDisconnector}): with a last message ({@code bye}, or the {@code error} of a
 * broken frame stream) queued behind everything before it and the socket closed once it is
 * written; at once when the peer cannot be written to; or for not reading (a slow consumer).
 * Whichever comes first wins.
 */
final class SessionDisconnector {

    private static final Logger log = LoggerFactory.getLogger(SessionDisconnector.class);
    /** How long a closing {@code bye} may wait for a peer that does not read before the socket closes anyway. */
    private static final long CLOSE_GRACE_MS = 2000;

    private final Channel channel;
    private final Supplier<String> logPrefix;
    private final Consumer<Outbound> queue;
    private final AtomicBoolean closing = new AtomicBoolean();
    private Runnable onSlowConsumer = () -> { };

    /** @param queue where the last message is queued, behind the output already queued */
    SessionDisconnector(Channel channel, Supplier<String> logPrefix, Consumer<Outbound> queue) {
        this.channel = channel;
        this.logPrefix = logPrefix;
        this.queue = queue;
    }

    void onSlowConsumer(Runnable onSlowConsumer) {
        this.onSlowConsumer = onSlowConsumer;
    }

    boolean isClosing() {
        return closing.get();
    }

    /** Queues the last message; the connection closes once it is written, or after a grace period. Any thread. */
    void closeWith(Object lastMessage) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        queue.accept(Outbound.close(lastMessage));
        channel.eventLoop().schedule(() -> {
            if (channel.isOpen()) {
                log.debug("{} closing without bye: peer does not read", logPrefix.get());
                channel.close();
            }
        }, CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /** Writes the last message, reached at the head of the queue, and closes when it is written. Event loop only. */
    void writeLastAndClose(Object lastMessage) {
        Object last = lastMessage instanceof ByteBuf body ? body.duplicate() : lastMessage;
        channel.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
    }

    /** Closes at once, without a last message: the peer cannot be written to any more. */
    void abort() {
        closing.set(true);
        channel.close();
    }

    /** The peer lets more than the allowed bytes pile up: it is disconnected rather than grow the server's memory. */
    void slowConsumer(long queuedBytes) {
        if (!closing.compareAndSet(false, true)) {
            return; // two threads can find the same session over its limit at once: count and log it once
        }
        log.info("{} disconnecting slow consumer: {} bytes queued", logPrefix.get(), queuedBytes);
        onSlowConsumer.run();
        channel.eventLoop().execute(channel::close);
    }
}

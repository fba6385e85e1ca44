package chatroom.server.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * A session's one outbound queue, drained with respect for writability (as HiveMQ's
 * {@code PublishFlushHandler}): any thread may queue (the store's writer thread fans out
 * messages); the queue is drained on the channel's event loop while the channel is writable,
 * through the {@link ResumeGate} and the {@link FrameBatcher}, with one flush per drain, and
 * drained again when the channel becomes writable. A peer that stops reading lets the queue grow
 * until {@code maxOutboundBytes} of live messages; then the {@link SessionDisconnector} drops it.
 */
final class OutboundQueue {

    private static final AtomicIntegerFieldUpdater<OutboundQueue> FAN_OUT_PENDING =
            AtomicIntegerFieldUpdater.newUpdater(OutboundQueue.class, "fanOutPending");
    private static final AtomicIntegerFieldUpdater<OutboundQueue> DRAIN_SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(OutboundQueue.class, "drainScheduled");
    private static final AtomicLongFieldUpdater<OutboundQueue> BYTES =
            AtomicLongFieldUpdater.newUpdater(OutboundQueue.class, "bytes");

    private final Channel channel;
    private final long maxOutboundBytes;
    private final ResumeGate gate;
    private final SessionDisconnector disconnector;
    private final FrameBatcher batcher;
    private final Runnable drainTask = this::drain;
    private final Queue<Outbound> items = new ConcurrentLinkedQueue<>();
    // counters are fields of this object, not Atomic* objects of their own: a fan-out touches every
    // member's queue, and each object more is one more cache line to fetch per member (and per connection)
    /** Bytes queued and not yet handed to the socket. */
    private volatile long bytes;
    /** 1 while a drain is scheduled ({@link #enqueue}). */
    private volatile int drainScheduled;
    /** 1 while a fan-out drain is promised ({@link #enqueueFanOut}); a field, not an object: one per connection. */
    private volatile int fanOutPending;
    private List<Runnable> whenDrained;

    OutboundQueue(Channel channel, ChannelHandlerContext framedWriter, boolean translatesEvents, long maxOutboundBytes,
                  ResumeGate gate, SessionDisconnector disconnector) {
        this.channel = channel;
        this.maxOutboundBytes = maxOutboundBytes;
        this.gate = gate;
        this.disconnector = disconnector;
        this.batcher = new FrameBatcher(channel, framedWriter, translatesEvents, this::queuedBytes);
    }

    /** Queues an item and makes sure a drain runs: now when on the event loop, else soon. */
    void offer(Outbound item) {
        if (enqueue(item)) {
            if (channel.eventLoop().inEventLoop()) {
                drain();
            } else {
                channel.eventLoop().execute(drainTask);
            }
        }
    }

    /** Queues plain items in order and makes sure one drain runs for all of them. */
    void offerAll(List<?> payloads) {
        boolean mustDrain = false;
        for (Object payload : payloads) {
            mustDrain |= enqueue(Outbound.plain(payload));
        }
        if (mustDrain) {
            if (channel.eventLoop().inEventLoop()) {
                drain();
            } else {
                channel.eventLoop().execute(drainTask);
            }
        }
    }

    /** Adds to the queue; returns true when no drain is scheduled yet and the caller must run one. */
    boolean enqueue(Outbound item) {
        add(item);
        return DRAIN_SCHEDULED.compareAndSet(this, 0, 1);
    }

    /**
     * Adds a commit's fan-out to the queue without asking for a drain: it leaves with the next drain,
     * whoever asks for it (a reply does at once). Returns true when no fan-out drain is promised yet
     * and the caller must see that {@link #drainFanOut} runs.
     */
    boolean enqueueFanOut(Outbound item) {
        add(item);
        return FAN_OUT_PENDING.compareAndSet(this, 0, 1);
    }

    private void add(Outbound item) {
        items.add(item);
        long queued = BYTES.addAndGet(this, item.bytes());
        if (queued > maxOutboundBytes && item.kind() == Outbound.Kind.LIVE) {
            disconnector.slowConsumer(queued);
        }
    }

    /** The drain promised by {@link #enqueueFanOut}. Event loop only. */
    void drainFanOut() {
        fanOutPending = 0;
        drain();
    }

    /** Bytes queued and not yet handed to the socket. */
    long queuedBytes() {
        return bytes;
    }

    /** Writes queued items while the channel is writable; called again when it becomes writable. */
    void drain() {
        drainScheduled = 0;
        if (!channel.isActive()) {
            discardAll();
            return;
        }
        boolean wrote = false;
        while (channel.isWritable()) {
            Outbound item = items.poll();
            if (item == null) {
                break;
            }
            BYTES.addAndGet(this, -item.bytes());
            wrote |= write(item);
        }
        wrote |= batcher.writeBatch();
        if (wrote) {
            channel.flush();
        }
        if (whenDrained != null && items.isEmpty() && channel.isWritable()) {
            List<Runnable> tasks = whenDrained;
            whenDrained = null;
            tasks.forEach(Runnable::run);
        }
    }

    /** Runs {@code task} once everything queued so far is written and the socket takes more. Event loop only. */
    void whenDrained(Runnable task) {
        if (whenDrained == null) {
            whenDrained = new ArrayList<>(1);
        }
        whenDrained.add(task);
        if (items.isEmpty() && channel.isWritable() && drainScheduled == 0) {
            channel.eventLoop().execute(drainTask);
        }
    }

    /** Releases everything still queued, batched or held; the channel is gone. */
    void discardAll() {
        whenDrained = null;
        batcher.discard();
        for (Outbound item; (item = items.poll()) != null; ) {
            BYTES.addAndGet(this, -item.bytes());
            item.discard();
        }
        gate.discardHeld();
    }

    private boolean write(Outbound item) {
        switch (item.kind()) {
            case PLAIN -> batcher.write(item.payload());
            case CLOSE -> {
                batcher.writeBatch();
                disconnector.writeLastAndClose(item.payload());
            }
            default -> {
                return gate.write(item, batcher);
            }
        }
        return true;
    }
}

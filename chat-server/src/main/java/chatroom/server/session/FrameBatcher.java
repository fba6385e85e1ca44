package chatroom.server.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.util.function.LongSupplier;

/**
 * Writes a session's outbound payloads to its channel without flushing. Encoded bodies
 * ({@link ByteBuf}s shared by every recipient of a broadcast and never modified) are copied, each
 * behind its 4-byte length, into one batch buffer written from the frame encoder's place in the
 * pipeline: one outbound entry and one copy per batch instead of a header, a duplicate and a trip
 * through every outbound handler per message. A typed message ends the batch and passes every
 * encoder, so the order on the wire is the order of the calls. A transport that frames messages
 * itself (WebSocket: no {@code framedWriter}) gets each body on its own. A broadcast's
 * {@link SharedEvent} is written as its body, or whole to a transport that translates events itself
 * (IRC). Event loop only.
 */
final class FrameBatcher {

    /** A batch is written once it holds this many bytes, so one drain never builds a huge buffer. */
    static final int BATCH_BYTES = 16 * 1024;

    private final Channel channel;
    private final ChannelHandlerContext framedWriter;
    private final boolean translatesEvents;
    private final LongSupplier queuedBytes;
    private ByteBuf batch;

    /**
     * @param framedWriter the context of the length-prefix encoder, or null when the transport frames itself
     * @param translatesEvents whether a {@link SharedEvent} goes to the pipeline whole rather than as its body
     * @param queuedBytes what is still queued behind the payload being written: sizes a new batch
     */
    FrameBatcher(Channel channel, ChannelHandlerContext framedWriter, boolean translatesEvents,
                 LongSupplier queuedBytes) {
        this.channel = channel;
        this.framedWriter = framedWriter;
        this.translatesEvents = translatesEvents;
        this.queuedBytes = queuedBytes;
    }

    /** Writes a typed message, or appends an encoded body to the batch (the caller's reference is used up). */
    void write(Object payload) {
        if (payload instanceof SharedEvent shared && !translatesEvents) {
            payload = shared.body(); // one reference count: the body's reference is ours now
        }
        if (!(payload instanceof ByteBuf body)) {
            writeBatch();
            channel.write(payload, channel.voidPromise());
        } else if (framedWriter == null) {
            // a duplicate shares the reference count: writing it hands our reference to the channel
            channel.write(body.duplicate(), channel.voidPromise());
        } else {
            int length = body.readableBytes();
            if (batch == null) {
                // sized for what is queued (the count may dip below zero while another thread queues)
                long queued = Math.max(0, queuedBytes.getAsLong());
                batch = channel.alloc().directBuffer((int) Math.min(BATCH_BYTES, 4L + length + queued));
            }
            batch.writeInt(length);
            if (body.hasArray()) {
                // from the heap array straight into the batch's memory: copying buffer to buffer
                // wraps the source in a NIO buffer per call (JFR: a third of the fan-out's copy time)
                batch.writeBytes(body.array(), body.arrayOffset() + body.readerIndex(), length);
            } else {
                batch.writeBytes(body, body.readerIndex(), length);
            }
            body.release();
            if (batch.readableBytes() >= BATCH_BYTES) {
                writeBatch();
            }
        }
    }

    /**
     * Writes the messages of a live run from {@code from} on (the caller's reference to the run is
     * used up): to a length-prefixed transport as one slice of the run's frames, copied into the
     * batch only when it fits there; to any other transport message by message.
     */
    void writeRun(LiveRun run, int from) {
        try {
            if (framedWriter == null || translatesEvents) {
                for (int i = from; i < run.size(); i++) {
                    write(run.event(i).retain());
                }
                return;
            }
            ByteBuf frames = run.retainedFramesFrom(from);
            if (batch != null && batch.writableBytes() >= frames.readableBytes()) {
                batch.writeBytes(frames);
                frames.release();
                if (batch.readableBytes() >= BATCH_BYTES) {
                    writeBatch();
                }
            } else {
                writeBatch();
                framedWriter.write(frames, framedWriter.voidPromise());
            }
        } finally {
            run.release();
        }
    }

    /** Hands the batch built so far to the pipeline; returns whether there was one. */
    boolean writeBatch() {
        if (batch == null) {
            return false;
        }
        ByteBuf frames = batch;
        batch = null;
        framedWriter.write(frames, framedWriter.voidPromise());
        return true;
    }

    /** Releases a batch not yet written; the channel is gone. */
    void discard() {
        if (batch != null) {
            batch.release();
            batch = null;
        }
    }
}

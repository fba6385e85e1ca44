package chatroom.server.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.AbstractReferenceCounted;
import java.util.ArrayList;
import java.util.List;

/**
 * The live messages of one conversation that one commit stored, in seq order, made once for every
 * session that receives them: each message's {@link SharedEvent} and, for sessions that write
 * length-prefixed frames, all of them already framed in one direct buffer. A session then takes
 * one queue entry per commit instead of one per message, and writes the frames it has not seen
 * yet as one slice of that buffer, without copying them (a room whose senders pipeline gets
 * hundreds of messages per commit).
 *
 * <p>Reference counted: each recipient session owns one reference, used up when the run is written
 * or discarded; the last release frees the frames and the events.
 */
public final class LiveRun extends AbstractReferenceCounted {

    private final String conversation;
    private final long[] seqs;
    private final SharedEvent[] events;
    /** The frames (4-byte length, body) of every message, one after the other. */
    private final ByteBuf frames;
    /** Where each message's frame starts in {@link #frames}; one more entry for the end. */
    private final int[] offsets;

    private LiveRun(String conversation, long[] seqs, SharedEvent[] events, ByteBuf frames, int[] offsets) {
        this.conversation = conversation;
        this.seqs = seqs;
        this.events = events;
        this.frames = frames;
        this.offsets = offsets;
    }

    /** Collects one conversation's messages of a commit; {@link #build} makes the run. */
    public static final class Builder {

        private final String conversation;
        private final List<SharedEvent> events = new ArrayList<>();
        private final List<Long> seqs = new ArrayList<>();

        public Builder(String conversation) {
            this.conversation = conversation;
        }

        /** Adds the next message (its seq above the last one added); takes over the caller's reference. */
        public void add(long seq, SharedEvent event) {
            if (!seqs.isEmpty() && seq <= seqs.get(seqs.size() - 1)) {
                event.release();
                throw new IllegalArgumentException(conversation + ": seq " + seq + " after " + seqs.get(seqs.size() - 1));
            }
            seqs.add(seq);
            events.add(event);
        }

        /** Releases what was added without making a run (nobody here receives it). */
        public void discard() {
            events.forEach(SharedEvent::release);
            events.clear();
            seqs.clear();
        }

        /** The run, with one reference for the caller; the frames are copied once into a direct buffer. */
        public LiveRun build(ByteBufAllocator alloc) {
            int n = events.size();
            int[] offsets = new int[n + 1];
            int total = 0;
            for (int i = 0; i < n; i++) {
                offsets[i] = total;
                total += 4 + events.get(i).body().readableBytes();
            }
            offsets[n] = total;
            ByteBuf frames = alloc.directBuffer(total, total);
            long[] seqArray = new long[n];
            for (int i = 0; i < n; i++) {
                ByteBuf body = events.get(i).body();
                frames.writeInt(body.readableBytes());
                frames.writeBytes(body, body.readerIndex(), body.readableBytes());
                seqArray[i] = seqs.get(i);
            }
            return new LiveRun(conversation, seqArray, events.toArray(SharedEvent[]::new), frames, offsets);
        }
    }

    public String conversation() {
        return conversation;
    }

    /** How many messages the run holds. */
    public int size() {
        return seqs.length;
    }

    public long seq(int index) {
        return seqs[index];
    }

    public long lastSeq() {
        return seqs[seqs.length - 1];
    }

    /** The first index whose seq is above {@code seq}, or {@link #size()} when none is. */
    public int firstAbove(long seq) {
        int index = 0;
        while (index < seqs.length && seqs[index] <= seq) {
            index++;
        }
        return index;
    }

    /** The shared event of one message (no reference is taken). */
    public SharedEvent event(int index) {
        return events[index];
    }

    /** The framed messages from {@code index} on, as a slice with a reference of its own. */
    public ByteBuf retainedFramesFrom(int index) {
        return frames.retainedSlice(offsets[index], offsets[seqs.length] - offsets[index]);
    }

    /** Bytes of all the frames: what a session has queued while the run waits. */
    public int framedBytes() {
        return offsets[seqs.length];
    }

    @Override
    public LiveRun retain() {
        super.retain();
        return this;
    }

    @Override
    public LiveRun touch(Object hint) {
        frames.touch(hint);
        return this;
    }

    @Override
    protected void deallocate() {
        frames.release();
        for (SharedEvent event : events) {
            event.release();
        }
    }
}

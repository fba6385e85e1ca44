package chatroom.server.session;

import chatroom.codec.message.Event;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One event of a broadcast, made once for every recipient: the encoded JSON body and the record it
 * was encoded from. A JSON session writes the body; a transport that translates events itself
 * ({@link TranslatesEvents}: IRC) reads the record instead of parsing the body again, and keeps
 * what it makes of it in {@link #rendering}, so that too happens once per broadcast, not once per
 * recipient.
 *
 * <p>It has the body's reference count: each recipient owns one reference, used up by writing the
 * body or by releasing this. The rendering is plain immutable data (no buffers), so it needs no
 * release; any thread may read it.
 */
public final class SharedEvent implements ReferenceCounted {

    private final ByteBuf body;
    private final Event event;
    private final AtomicReference<Object> rendering = new AtomicReference<>();

    /** @param body {@code event} encoded; this takes over the caller's reference */
    public SharedEvent(ByteBuf body, Event event) {
        this.body = body;
        this.event = event;
    }

    /** The encoded JSON body (one reference count with this). */
    public ByteBuf body() {
        return body;
    }

    /** The event the body encodes. */
    public Event event() {
        return event;
    }

    /**
     * What the translating transport made of the event, made by {@code make} on first use. Two
     * event loops may both make it at once; the first one stored wins, so every caller gets the same object.
     */
    @SuppressWarnings("unchecked")
    public <T> T rendering(Function<Event, T> make) {
        Object made = rendering.get();
        if (made == null) {
            made = make.apply(event);
            if (!rendering.compareAndSet(null, made)) {
                made = rendering.get();
            }
        }
        return (T) made;
    }

    @Override
    public int refCnt() {
        return body.refCnt();
    }

    @Override
    public SharedEvent retain() {
        body.retain();
        return this;
    }

    @Override
    public SharedEvent retain(int increment) {
        body.retain(increment);
        return this;
    }

    @Override
    public SharedEvent touch() {
        body.touch();
        return this;
    }

    @Override
    public SharedEvent touch(Object hint) {
        body.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return body.release();
    }

    @Override
    public boolean release(int decrement) {
        return body.release(decrement);
    }
}

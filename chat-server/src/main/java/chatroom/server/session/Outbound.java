package chatroom.server.session;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;

/**
 * One item of a session's outbound queue. {@code payload} is a typed message, an encoded JSON
 * body ({@link ByteBuf}) or a broadcast's {@link SharedEvent} (body and record, shared by every recipient). Messages of a conversation carry its key and seq so
 * the session can hold them during a resume and drop duplicates.
 */
record Outbound(Kind kind, Object payload, String conversation, long seq, int bytes) {

    enum Kind {
        /** A reply or an event without seq: written as it comes. */
        PLAIN,
        /** A live {@code message} event of a conversation. */
        LIVE,
        /** A {@code message} event replayed from the store for a {@code join} with {@code since}. */
        REPLAY,
        /**
         * The start of a hold queued from any thread: live messages of the conversation queued
         * after it are held until a {@code RELEASE}.
         */
        HOLD,
        /** The end of a replay: live messages held since it began are let through. */
        RELEASE,
        /** The end of a hold taken at login, unless a replay has taken it over meanwhile. */
        RELEASE_LOGIN_HOLD,
        /** The last item: written, then the connection closes. */
        CLOSE
    }

    static Outbound plain(Object payload) {
        return new Outbound(Kind.PLAIN, payload, null, 0, estimate(payload));
    }

    static Outbound live(String conversation, long seq, ByteBuf body) {
        return new Outbound(Kind.LIVE, body, conversation, seq, body.readableBytes());
    }

    static Outbound live(String conversation, long seq, SharedEvent event) {
        return new Outbound(Kind.LIVE, event, conversation, seq, event.body().readableBytes());
    }

    /** The messages of one conversation from one commit; {@code seq} is the run's last. */
    static Outbound live(LiveRun run) {
        return new Outbound(Kind.LIVE, run, run.conversation(), run.lastSeq(), run.framedBytes());
    }

    static Outbound replay(String conversation, long seq, Object payload) {
        return new Outbound(Kind.REPLAY, payload, conversation, seq, estimate(payload));
    }

    static Outbound hold(String conversation) {
        return new Outbound(Kind.HOLD, null, conversation, 0, 0);
    }

    static Outbound release(String conversation) {
        return new Outbound(Kind.RELEASE, null, conversation, 0, 0);
    }

    static Outbound releaseLoginHold(String conversation) {
        return new Outbound(Kind.RELEASE_LOGIN_HOLD, null, conversation, 0, 0);
    }

    static Outbound close(Object bye) {
        return new Outbound(Kind.CLOSE, bye, null, 0, estimate(bye));
    }

    private static int estimate(Object payload) {
        if (payload instanceof SharedEvent shared) {
            return shared.body().readableBytes();
        }
        return payload instanceof ByteBuf buf ? buf.readableBytes() : 128;
    }

    void discard() {
        ReferenceCountUtil.release(payload);
    }
}

package chatroom.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.FrameEncoder;
import chatroom.server.pipeline.HandlerNames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A commit's messages of one room reach each session as one {@link LiveRun}: the frames each
 * session has not seen, in seq order, with the same gate (resume holds, duplicates) as single
 * messages, and every buffer released once the last session is done with the run.
 */
class LiveRunTest {

    private static final String ROOM = "r:lobby";

    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final List<Session> sessions = new ArrayList<>();
    private final List<ByteBuf> bodies = new ArrayList<>();

    @AfterEach
    void tearDown() {
        sessions.forEach(Session::discardAll);
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Test
    void oneRunSharedByTwoSessions_reachesBothInOrder_andIsFreedByTheLast() {
        Session a = framedSession();
        Session b = framedSession();
        LiveRun run = run(1, "m1", "大家好", "m3");

        a.send(Unpooled.copiedBuffer("reply", StandardCharsets.UTF_8));
        queue(a, run.retain());
        channels.get(1).unsafe().outboundBuffer().setUserDefinedWritability(1, false); // b does not read yet
        queue(b, run.retain());
        run.release();

        assertThat(frames(0)).containsExactly("reply", "m1", "大家好", "m3");
        assertThat(bodies).as("b still holds the run").allSatisfy(body -> assertThat(body.refCnt()).isEqualTo(1));
        channels.get(1).unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        b.drain();
        assertThat(frames(1)).containsExactly("m1", "大家好", "m3");
        assertThat(run.refCnt()).isZero();
        assertThat(bodies).as("every body released with the run").allSatisfy(body -> assertThat(body.refCnt()).isZero());
    }

    @Test
    void aRunOverlappingWhatWasSent_sendsOnlyTheNewerMessages_andARunAllSeenIsDropped() {
        Session session = framedSession();
        session.sendLive(ROOM, 2, Unpooled.copiedBuffer("m2 single", StandardCharsets.UTF_8));
        queue(session, run(1, "m1", "m2", "m3", "m4"));
        LiveRun seen = run(3, "m3 again", "m4 again");
        queue(session, seen);

        assertThat(frames(0)).containsExactly("m2 single", "m3", "m4");
        assertThat(seen.refCnt()).isZero();
        assertThat(bodies).allSatisfy(body -> assertThat(body.refCnt()).isZero());
    }

    @Test
    void aRunArrivingDuringAResume_waitsForTheReplay_thenSendsWhatTheReplayDidNotHave() {
        Session session = framedSession();
        session.hold(ROOM);
        queue(session, run(3, "m3", "m4", "m5"));
        assertThat(frames(0)).as("held while the replay runs").isEmpty();

        for (int seq = 1; seq <= 4; seq++) {
            session.sendReplay(ROOM, seq, Unpooled.copiedBuffer("replayed " + seq, StandardCharsets.UTF_8));
        }
        session.releaseHold(ROOM);

        assertThat(frames(0)).containsExactly("replayed 1", "replayed 2", "replayed 3", "replayed 4", "m5");
        assertThat(bodies).allSatisfy(body -> assertThat(body.refCnt()).isZero());
    }

    @Test
    void aTransportThatFramesItself_getsEachMessageOnItsOwn() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Session session = track(channel, new Session(channel, 1024 * 1024));
        queue(session, run(1, "m1", "m2"));

        List<String> written = new ArrayList<>();
        for (ByteBuf buf; (buf = channel.readOutbound()) != null; buf.release()) {
            written.add(buf.toString(StandardCharsets.UTF_8));
        }
        assertThat(written).containsExactly("m1", "m2");
        assertThat(bodies).allSatisfy(body -> assertThat(body.refCnt()).isZero());
    }

    @Test
    void aRunStillQueuedWhenTheConnectionGoes_isReleased() {
        Session session = framedSession();
        channels.get(0).unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        LiveRun run = run(1, "m1", "m2");
        queue(session, run);
        assertThat(session.queuedBytes()).as("counted against the slow-consumer limit").isEqualTo(run.framedBytes());

        session.discardAll();
        assertThat(run.refCnt()).isZero();
        assertThat(bodies).allSatisfy(body -> assertThat(body.refCnt()).isZero());
    }

    private Session framedSession() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(HandlerNames.FRAME_ENCODER, FrameEncoder.INSTANCE);
        return track(channel, new Session(channel, channel.pipeline().context(HandlerNames.FRAME_ENCODER), 1024 * 1024));
    }

    private Session track(EmbeddedChannel channel, Session session) {
        channels.add(channel);
        sessions.add(session);
        return session;
    }

    /** A run of messages with consecutive seqs from {@code firstSeq}. */
    private LiveRun run(long firstSeq, String... texts) {
        LiveRun.Builder builder = new LiveRun.Builder(ROOM);
        long seq = firstSeq;
        for (String text : texts) {
            ByteBuf body = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
            bodies.add(body);
            builder.add(seq++, new SharedEvent(body, null));
        }
        return builder.build(ByteBufAllocator.DEFAULT);
    }

    private static void queue(Session session, LiveRun run) {
        if (session.sendLiveDeferred(run)) {
            session.drainFanOut();
        }
    }

    /** The length-prefixed frames written to channel {@code index} so far (the buffers are released). */
    private List<String> frames(int index) {
        return WrittenFrames.frames(channels.get(index));
    }
}

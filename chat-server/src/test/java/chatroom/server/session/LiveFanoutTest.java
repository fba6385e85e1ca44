package chatroom.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.FrameEncoder;
import chatroom.codec.message.ChatMessage;
import chatroom.server.pipeline.HandlerNames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A commit's fan-out on one event loop: each session gets its messages in order, behind whatever
 * it had queued, through the resume gate, in one flush, and every reference is used up exactly once.
 */
class LiveFanoutTest {

    private static final String ROOM = "r:lobby";

    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final List<Session> sessions = new ArrayList<>();
    private final List<int[]> flushes = new ArrayList<>();

    @BeforeEach
    void setUp() {
        for (int i = 0; i < 2; i++) {
            int[] flushCount = new int[1];
            EmbeddedChannel channel = new EmbeddedChannel();
            channel.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
                @Override
                public void flush(ChannelHandlerContext ctx) {
                    flushCount[0]++;
                    ctx.flush();
                }
            });
            channel.pipeline().addLast(HandlerNames.FRAME_ENCODER, FrameEncoder.INSTANCE);
            channel.pipeline().addLast(HandlerNames.MESSAGE_ENCODER, new TextEncoder());
            channels.add(channel);
            flushes.add(flushCount);
            sessions.add(new Session(channel, channel.pipeline().context(HandlerNames.FRAME_ENCODER), 1 << 20));
        }
    }

    @AfterEach
    void tearDown() {
        sessions.forEach(Session::discardAll);
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Test
    void messagesOfOneCommit_reachEachSessionInSeqOrder_inOneFlush_andEveryReferenceIsUsedUp() {
        LiveFanout fanout = new LiveFanout();
        List<SharedEvent> events = new ArrayList<>();
        for (int seq = 1; seq <= 3; seq++) {
            SharedEvent event = event(seq, seq == 2 ? "大家好 " + seq : "m" + seq);
            events.add(event);
            for (Session session : sessions) {
                fanout.add(session, ROOM, seq, event.retain());
            }
            event.release(); // the broadcaster's own reference
        }

        fanout.run();

        for (int i = 0; i < 2; i++) {
            assertThat(frames(channels.get(i))).containsExactly("m1", "大家好 2", "m3");
            assertThat(flushes.get(i)[0]).as("one flush per session and commit").isEqualTo(1);
        }
        assertThat(events).allSatisfy(event -> assertThat(event.refCnt()).isZero());
    }

    @Test
    void aSessionThatCannotTakeMore_getsTheMessagesQueued_behindWhatWaits_andCountedForTheSlowConsumerLimit() {
        Session slow = sessions.get(0);
        EmbeddedChannel channel = channels.get(0);
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        slow.send("reply before");
        LiveFanout fanout = new LiveFanout();
        SharedEvent event = event(1, "m1");
        fanout.add(slow, ROOM, 1, event);

        fanout.run();

        assertThat(slow.queuedBytes()).as("queued, not written past the water mark").isPositive();
        assertThat(frames(channel)).isEmpty();
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        slow.drain();
        assertThat(frames(channel)).containsExactly("reply before", "m1");
        assertThat(event.refCnt()).isZero();
    }

    @Test
    void messagesOfAHeldConversation_waitForTheEndOfTheReplay() {
        Session resuming = sessions.get(0);
        EmbeddedChannel channel = channels.get(0);
        resuming.hold(ROOM);
        LiveFanout fanout = new LiveFanout();
        SharedEvent live = event(3, "m3");
        fanout.add(resuming, ROOM, 3, live);

        fanout.run();
        assertThat(frames(channel)).as("held while the replay runs").isEmpty();

        resuming.sendReplay(ROOM, 1, body("m1"));
        resuming.sendReplay(ROOM, 2, body("m2"));
        resuming.releaseHold(ROOM);
        assertThat(frames(channel)).containsExactly("m1", "m2", "m3");
        assertThat(live.refCnt()).isZero();
    }

    @Test
    void aClosedSession_releasesItsMessages() {
        Session gone = sessions.get(0);
        channels.get(0).close();
        LiveFanout fanout = new LiveFanout();
        SharedEvent event = event(1, "m1");
        fanout.add(gone, ROOM, 1, event);

        fanout.run();

        assertThat(event.refCnt()).isZero();
    }

    @Test
    void aFanoutTheLoopRefuses_releasesItsMessages() {
        LiveFanout fanout = new LiveFanout();
        SharedEvent event = event(1, "m1");
        fanout.add(sessions.get(0), ROOM, 1, event.retain());
        fanout.add(sessions.get(1), ROOM, 1, event);

        fanout.discard();

        assertThat(event.refCnt()).isZero();
    }

    private static SharedEvent event(long seq, String text) {
        return new SharedEvent(body(text), ChatMessage.inRoom("lobby", seq, 0, "alice", text, null));
    }

    private static ByteBuf body(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    /** Reads length-prefixed frames from what the channel wrote (and releases it). */
    private static List<String> frames(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) out;
            all.writeBytes(buf);
            buf.release();
        }
        List<String> frames = new ArrayList<>();
        while (all.isReadable()) {
            int length = all.readInt();
            frames.add(all.readCharSequence(length, StandardCharsets.UTF_8).toString());
        }
        all.release();
        return frames;
    }

    /** Stands in for the JSON encoder: a typed reply becomes its text as a body. */
    private static final class TextEncoder extends MessageToMessageEncoder<String> {
        TextEncoder() {
            super(String.class);
        }

        @Override
        protected void encode(ChannelHandlerContext ctx, String msg, List<Object> out) {
            out.add(Unpooled.copiedBuffer(msg, StandardCharsets.UTF_8));
        }
    }
}

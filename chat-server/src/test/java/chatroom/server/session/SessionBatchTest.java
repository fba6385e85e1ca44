package chatroom.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.FrameEncoder;
import chatroom.server.pipeline.HandlerNames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batched output path: live bodies are copied behind their length into one buffer written
 * from the frame encoder's place, while typed replies still pass every encoder. What reaches the
 * socket must be the same frames, in the same order, as without batching.
 */
class SessionBatchTest {

    private static final String ROOM = "r:lobby";

    private EmbeddedChannel channel;
    private Session session;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        channel.pipeline().addLast(HandlerNames.FRAME_ENCODER, FrameEncoder.INSTANCE);
        channel.pipeline().addLast(HandlerNames.MESSAGE_ENCODER, new TextEncoder());
        session = new Session(channel, channel.pipeline().context(HandlerNames.FRAME_ENCODER), 1024 * 1024);
    }

    @AfterEach
    void tearDown() {
        session.discardAll();
        channel.finishAndReleaseAll();
    }

    @Test
    void liveBodiesAndReplies_reachTheSocketAsFramesInQueueOrder() {
        ByteBuf shared = body("大家好 hello");
        List<ByteBuf> bodies = List.of(body("m1"), shared.retain(), body("m3"));

        session.sendLive(ROOM, 1, bodies.get(0));
        session.send("reply");
        session.sendLive(ROOM, 2, bodies.get(1));
        session.sendLive(ROOM, 3, bodies.get(2));

        assertThat(frames()).containsExactly("m1", "reply", "大家好 hello", "m3");
        assertThat(bodies.get(0).refCnt()).as("the session's reference is released").isZero();
        assertThat(bodies.get(2).refCnt()).isZero();
        assertThat(shared.refCnt()).as("the other recipient's reference is untouched").isEqualTo(1);
        assertThat(shared.toString(StandardCharsets.UTF_8)).isEqualTo("大家好 hello");
        shared.release();
    }

    @Test
    void manyBodiesQueuedBeforeOneDrain_areSplitIntoBoundedBatches_withoutLosingAFrame() {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        List<String> expected = new ArrayList<>();
        for (int seq = 1; seq <= 200; seq++) {
            String text = seq + ":" + "x".repeat(300);
            expected.add(text);
            session.sendLive(ROOM, seq, body(text));
        }
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        session.drain();

        List<ByteBuf> written = outbound();
        assertThat(written.size()).as("batched, not one write per message").isBetween(2, 10);
        assertThat(written).allSatisfy(buf -> assertThat(buf.readableBytes()).isLessThanOrEqualTo(16 * 1024 + 400));
        assertThat(WrittenFrames.parse(written)).containsExactlyElementsOf(expected);
        assertThat(session.queuedBytes()).isZero();
    }

    @Test
    void bodiesDroppedAsDuplicates_orQueuedAtClose_areReleased() {
        ByteBuf first = body("m1");
        ByteBuf duplicate = body("m1 again");
        session.sendLive(ROOM, 1, first);
        session.sendLive(ROOM, 1, duplicate);
        assertThat(frames()).containsExactly("m1");
        assertThat(first.refCnt()).isZero();
        assertThat(duplicate.refCnt()).isZero();

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        ByteBuf unsent = body("m2");
        session.sendLive(ROOM, 2, unsent);
        session.discardAll();
        assertThat(unsent.refCnt()).isZero();
    }

    private static ByteBuf body(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private List<ByteBuf> outbound() {
        return WrittenFrames.outbound(channel);
    }

    private List<String> frames() {
        return WrittenFrames.frames(channel);
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

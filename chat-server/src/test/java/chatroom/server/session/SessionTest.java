package chatroom.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import chatroom.codec.message.Bye;
import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.ErrorReply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTest {

    private static final String ROOM = "r:lobby";

    private EmbeddedChannel channel;
    private Session session;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        session = new Session(channel, 64 * 1024);
    }

    @AfterEach
    void tearDown() {
        session.discardAll();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            io.netty.util.ReferenceCountUtil.release(o);
        }
        channel.finishAndReleaseAll();
    }

    @Test
    void sendLive_writesInSeqOrder_andDropsSeqAlreadySent() {
        session.sendLive(ROOM, 1, body("m1"));
        session.sendLive(ROOM, 2, body("m2"));
        ByteBuf duplicate = body("m2 again");
        session.sendLive(ROOM, 2, duplicate);

        assertThat(written()).containsExactly("m1", "m2");
        assertThat(duplicate.refCnt()).isZero();
    }

    @Test
    void hold_keepsLiveMessagesUntilReplayEnds_thenSendsOnlyNewerOnes() {
        session.sendLive(ROOM, 5, body("live5"));
        session.hold(ROOM);
        session.sendLive(ROOM, 8, body("live8"));
        session.sendLive(ROOM, 9, body("live9"));
        session.send("ok");
        session.sendReplay(ROOM, 3, "replay3");
        session.sendReplay(ROOM, 4, "replay4");
        session.sendReplay(ROOM, 5, "replay5");
        session.sendReplay(ROOM, 6, "replay6");
        session.sendReplay(ROOM, 7, "replay7");
        session.sendReplay(ROOM, 8, "replay8");
        session.releaseHold(ROOM);
        session.sendLive(ROOM, 10, body("live10"));

        assertThat(written()).containsExactly("live5", "ok", "replay3", "replay4", "replay6", "replay7",
                "replay8", "live9", "live10");
    }

    @Test
    void replay_ofOtherConversation_isNotAffectedByHold() {
        session.hold(ROOM);
        session.sendLive("r:other", 1, body("other1"));
        session.sendLive(ROOM, 1, body("held1"));
        session.releaseHold(ROOM);

        assertThat(written()).containsExactly("other1", "held1");
    }

    @Test
    void closeWith_writesTheLastMessageThenCloses_andIgnoresLaterOutput() {
        session.send("before");
        session.closeWith(new ErrorReply(null, ErrorCode.BAD_FRAME, "zero-length frame"));
        session.close(Bye.IDLE_TIMEOUT);

        List<Object> out = drainOutbound();
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo("before");
        assertThat(out.get(1)).isInstanceOf(ErrorReply.class);
        assertFalse(channel.isOpen());
        assertThat(session.isClosing()).isTrue();
    }

    @Test
    void notWritable_keepsItemsQueued_untilDrainedAgain() {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        session.sendLive(ROOM, 1, body("m1"));
        assertThat(drainOutbound()).isEmpty();
        assertThat(session.queuedBytes()).isEqualTo(2);

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        session.drain();
        assertThat(written()).containsExactly("m1");
        assertThat(session.queuedBytes()).isZero();
    }

    @Test
    void slowConsumer_overOutboundLimit_isDisconnected_andQueuedBuffersReleased() {
        session = new Session(channel, 64 * 1024);
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        List<ByteBuf> sent = new ArrayList<>();
        for (int seq = 1; seq <= 70; seq++) {
            ByteBuf big = Unpooled.wrappedBuffer(new byte[1024]);
            sent.add(big);
            session.sendLive(ROOM, seq, big);
        }
        channel.runPendingTasks();
        assertFalse(channel.isOpen());
        session.drain();
        assertThat(sent).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
    }

    private static ByteBuf body(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private List<Object> drainOutbound() {
        List<Object> out = new ArrayList<>();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            out.add(o);
        }
        return out;
    }

    /** What was written, bodies as text (and released), other objects as they are. */
    private List<String> written() {
        List<String> out = new ArrayList<>();
        for (Object o : drainOutbound()) {
            if (o instanceof ByteBuf buf) {
                out.add(buf.toString(StandardCharsets.UTF_8));
                buf.release();
            } else {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }
}

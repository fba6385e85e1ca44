package chatroom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.Ping;
import chatroom.codec.message.Pong;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The codec handlers together: the four a client pipeline holds, and the server's two, whose one
 * decoder reads the length and the body and whose one encoder writes both.
 */
class PipelineTest {

    private static EmbeddedChannel pipeline() {
        JsonCodec codec = new JsonCodec(CodecLimits.DEFAULT, MessageTypes.CLIENT_TO_SERVER);
        return new EmbeddedChannel(new FrameDecoder(CodecLimits.DEFAULT_MAX_FRAME), FrameEncoder.INSTANCE,
                new MessageDecoder(codec), new MessageEncoder(codec));
    }

    private static EmbeddedChannel serverPipeline() {
        JsonCodec codec = new JsonCodec(CodecLimits.DEFAULT, MessageTypes.CLIENT_TO_SERVER);
        return new EmbeddedChannel(new FrameMessageDecoder(CodecLimits.DEFAULT_MAX_FRAME, codec),
                MessageEncoder.framed(codec));
    }

    @Test
    void theServersOneDecoder_readsWhatTheTwoRead() {
        for (EmbeddedChannel channel : new EmbeddedChannel[] {pipeline(), serverPipeline()}) {
            byte[] good = "{\"type\":\"ping\",\"id\":1,\"t\":5}".getBytes(StandardCharsets.UTF_8);
            byte[] bad = "{oops".getBytes(StandardCharsets.UTF_8);
            ByteBuf in = Unpooled.buffer().writeInt(good.length).writeBytes(good).writeInt(bad.length).writeBytes(bad)
                    .writeInt(good.length).writeBytes(good, 0, 7);
            channel.writeInbound(in);
            assertThat(((Ping) channel.readInbound()).id()).isEqualTo(1L);
            assertThat(((InvalidMessage) channel.readInbound()).code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat((Object) channel.readInbound()).as("half a frame waits").isNull();
            channel.writeInbound(Unpooled.wrappedBuffer(good, 7, good.length - 7));
            assertThat(((Ping) channel.readInbound()).id()).isEqualTo(1L);
            channel.writeInbound(Unpooled.buffer().writeInt(0));
            assertThat(((FramingError) channel.readInbound()).code()).isEqualTo(ErrorCode.BAD_FRAME);
            channel.writeInbound(Unpooled.buffer().writeInt(good.length).writeBytes(good));
            assertThat((Object) channel.readInbound()).as("nothing after a broken stream").isNull();
            assertFalse(channel.finish());
        }
    }

    @Test
    void theServersOneEncoder_writesTheSameBytesAsTheTwo_inOneBuffer() {
        Pong pong = new Pong("p-中文", null);
        EmbeddedChannel two = pipeline();
        two.writeOutbound(pong);
        ByteBuf expected = Unpooled.buffer();
        for (ByteBuf part; (part = two.readOutbound()) != null; ) {
            expected.writeBytes(part);
            part.release();
        }
        EmbeddedChannel one = serverPipeline();
        one.writeOutbound(pong);
        ByteBuf frame = one.readOutbound();
        assertThat((Object) one.readOutbound()).as("one buffer per message").isNull();
        assertThat(ByteBufUtil.hexDump(frame)).isEqualTo(ByteBufUtil.hexDump(expected));
        assertThat(frame.getInt(0)).isEqualTo(frame.readableBytes() - 4);

        EmbeddedChannel reader = new EmbeddedChannel(new FrameDecoder(CodecLimits.DEFAULT_MAX_FRAME),
                new MessageDecoder(new JsonCodec(CodecLimits.DEFAULT, MessageTypes.SERVER_TO_CLIENT)));
        reader.writeInbound(frame);
        assertThat((Object) reader.readInbound()).isEqualTo(pong);
        expected.release();
        assertFalse(one.finish());
        assertFalse(two.finish());
        assertFalse(reader.finish());
    }

    @Test
    void theServersOneEncoder_passesBuffersThrough() {
        EmbeddedChannel channel = serverPipeline();
        ByteBuf framed = Unpooled.buffer().writeInt(2).writeBytes("{}".getBytes(StandardCharsets.UTF_8));
        channel.writeOutbound(framed);
        ByteBuf out = channel.readOutbound();
        assertThat(out).isSameAs(framed);
        out.release();
        assertFalse(channel.finish());
    }

    @Test
    void bytesIn_becomeTypedMessages_andBadBodiesBecomeInvalidMessages() {
        EmbeddedChannel channel = pipeline();
        byte[] good = "{\"type\":\"ping\",\"id\":1,\"t\":5}".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{oops".getBytes(StandardCharsets.UTF_8);
        channel.writeInbound(Unpooled.buffer().writeInt(good.length).writeBytes(good)
                .writeInt(bad.length).writeBytes(bad));
        Ping ping = channel.readInbound();
        assertThat(ping.id()).isEqualTo(1L);
        InvalidMessage invalid = channel.readInbound();
        assertThat(invalid.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertFalse(channel.finish());
    }

    @Test
    void typedMessageOut_becomesOneLengthPrefixedFrame() {
        EmbeddedChannel channel = pipeline();
        channel.writeOutbound(new Pong("p", null));
        ByteBuf out = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
            out.writeBytes(part);
            part.release();
        }
        int length = out.readInt();
        assertThat(out.readableBytes()).isEqualTo(length);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"pong\",\"id\":\"p\"}");
        out.release();
        assertFalse(channel.finish());
    }

    @Test
    void framingError_passesUp() {
        EmbeddedChannel channel = pipeline();
        channel.writeInbound(Unpooled.buffer().writeInt(0));
        assertThat(((FramingError) channel.readInbound()).code()).isEqualTo(ErrorCode.BAD_FRAME);
        assertFalse(channel.finish());
    }
}

package chatroom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import chatroom.codec.message.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static ByteBuf frame(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return Unpooled.buffer().writeInt(body.length).writeBytes(body);
    }

    private static String readBody(EmbeddedChannel channel) {
        ByteBuf body = channel.readInbound();
        try {
            return body.toString(StandardCharsets.UTF_8);
        } finally {
            body.release();
        }
    }

    @Test
    void decode_oneFrame_emitsItsBodyWithoutThePrefix() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));
        channel.writeInbound(frame("{\"type\":\"ping\"}"));
        assertThat(readBody(channel)).isEqualTo("{\"type\":\"ping\"}");
        assertFalse(channel.finish());
    }

    @Test
    void decode_frameSplitIntoSingleBytes_emitsItOnceWhole() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));
        ByteBuf whole = frame("{\"type\":\"ping\",\"t\":\"你好\"}");
        while (whole.isReadable()) {
            assertThat((Object) channel.readInbound()).isNull();
            channel.writeInbound(whole.readRetainedSlice(1));
        }
        whole.release();
        assertThat(readBody(channel)).isEqualTo("{\"type\":\"ping\",\"t\":\"你好\"}");
        assertFalse(channel.finish());
    }

    @Test
    void decode_severalFramesInOneRead_emitsEachInOrder() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));
        ByteBuf three = Unpooled.buffer();
        for (int i = 1; i <= 3; i++) {
            ByteBuf one = frame("{\"n\":" + i + "}");
            three.writeBytes(one);
            one.release();
        }
        channel.writeInbound(three);
        for (int i = 1; i <= 3; i++) {
            assertThat(readBody(channel)).isEqualTo("{\"n\":" + i + "}");
        }
        assertFalse(channel.finish());
    }

    @Test
    void decode_zeroLength_emitsBadFrame_andDiscardsEverythingAfter() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));
        ByteBuf after = frame("{\"type\":\"ping\"}");
        channel.writeInbound(Unpooled.buffer().writeInt(0).writeBytes(after));
        after.release();
        FramingError error = channel.readInbound();
        assertThat(error.code()).isEqualTo(ErrorCode.BAD_FRAME);
        channel.writeInbound(frame("{\"type\":\"ping\"}"));
        assertThat((Object) channel.readInbound()).isNull();
        assertFalse(channel.finish());
    }

    @Test
    void decode_lengthOverMaxFrame_isRefusedFromThePrefixAlone() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(65536));
        channel.writeInbound(Unpooled.buffer().writeInt(50 * 1024 * 1024));
        FramingError error = channel.readInbound();
        assertThat(error.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[4096]));
        assertThat((Object) channel.readInbound()).isNull();
        assertFalse(channel.finish());
    }

    @Test
    void decode_lengthIsUnsigned_soAllOnesIsTooLarge() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(65536));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}));
        FramingError error = channel.readInbound();
        assertThat(error.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        assertFalse(channel.finish());
    }

    @Test
    void decode_exactlyMaxFrame_isAccepted_oneMoreIsNot() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(100));
        channel.writeInbound(Unpooled.buffer().writeInt(100).writeBytes(new byte[100]));
        ByteBuf body = channel.readInbound();
        assertThat(body.readableBytes()).isEqualTo(100);
        body.release();
        channel.writeInbound(Unpooled.buffer().writeInt(101));
        assertThat(((FramingError) channel.readInbound()).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        assertFalse(channel.finish());
    }

    @Test
    void encode_prependsTheBigEndianLength_andSharesTheBodyBetweenChannels() {
        ByteBuf body = Unpooled.copiedBuffer("{\"type\":\"ping\"}", StandardCharsets.UTF_8);
        EmbeddedChannel first = new EmbeddedChannel(FrameEncoder.INSTANCE);
        EmbeddedChannel second = new EmbeddedChannel(FrameEncoder.INSTANCE);
        first.writeOutbound(body.retainedDuplicate());
        second.writeOutbound(body.retainedDuplicate());
        for (EmbeddedChannel channel : new EmbeddedChannel[] {first, second}) {
            ByteBuf header = channel.readOutbound();
            ByteBuf written = channel.readOutbound();
            assertThat(header.readInt()).isEqualTo(15);
            assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"ping\"}");
            header.release();
            written.release();
            assertFalse(channel.finish());
        }
        assertThat(body.refCnt()).isEqualTo(1);
        body.release();
    }
}

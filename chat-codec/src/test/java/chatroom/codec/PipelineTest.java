package chatroom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.Ping;
import chatroom.codec.message.Pong;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The four codec handlers together, as a server pipeline holds them. */
class PipelineTest {

    private static EmbeddedChannel pipeline() {
        JsonCodec codec = new JsonCodec(CodecLimits.DEFAULT, MessageTypes.CLIENT_TO_SERVER);
        return new EmbeddedChannel(new FrameDecoder(CodecLimits.DEFAULT_MAX_FRAME), FrameEncoder.INSTANCE,
                new MessageDecoder(codec), new MessageEncoder(codec));
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

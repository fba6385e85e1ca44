package chatroom.codec;

import chatroom.codec.message.Message;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * Coverage-guided fuzzing of the server's inbound codec (Jazzer): whatever bytes arrive, in
 * whatever pieces, the decoders emit messages, InvalidMessages or one FramingError, never throw,
 * and release every buffer (paranoid leak detection fails the class otherwise). Without
 * {@code JAZZER_FUZZ=1} it replays the kept inputs in {@code CodecFuzzTestInputs/} as regression tests.
 */
class CodecFuzzTest {

    private static final JsonCodec CODEC = new JsonCodec(CodecLimits.ofMaxFrame(4096), MessageTypes.CLIENT_TO_SERVER);

    @FuzzTest(maxDuration = "30s")
    void inboundBytes_neverThrowAndNeverLeak(byte[] input) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(4096), new MessageDecoder(CODEC));
        try {
            // First byte picks how the rest is split into reads, to exercise partial frames.
            int chunk = input.length == 0 ? 1 : 1 + (input[0] & 0x3f);
            for (int offset = 1; offset < input.length; offset += chunk) {
                ByteBuf piece = Unpooled.copiedBuffer(input, offset, Math.min(chunk, input.length - offset));
                channel.writeInbound(piece);
                for (Object decoded; (decoded = channel.readInbound()) != null; ) {
                    if (!(decoded instanceof Message || decoded instanceof InvalidMessage
                            || decoded instanceof FramingError)) {
                        throw new AssertionError("unexpected " + decoded.getClass());
                    }
                    ReferenceCountUtil.release(decoded);
                }
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}

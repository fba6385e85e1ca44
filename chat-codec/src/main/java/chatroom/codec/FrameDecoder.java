package chatroom.codec;

import chatroom.codec.message.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Splits the byte stream into frames: a 4-byte unsigned big-endian length N, then N bytes of JSON.
 *
 * <pre>
 * +--------+----------------+        +----------------+
 * | Length | JSON body      |  --->  | JSON body      |
 * | 0x000B | {"type":"ping"}|        | {"type":"ping"}|
 * +--------+----------------+        +----------------+
 * </pre>
 *
 * N = 0 and N &gt; {@code maxFrame} break the stream: instead of throwing, the decoder emits one
 * {@link FramingError} and then discards everything after it, so the handler above can answer and
 * close. An oversized length is refused as soon as its 4 bytes arrive, before any body is buffered.
 * One instance per channel (it keeps the partial frame).
 */
public class FrameDecoder extends LengthFieldBasedFrameDecoder {

    /** Bytes of the length prefix. */
    public static final int LENGTH_FIELD_LENGTH = 4;

    private final int maxFrame;
    private boolean broken;

    public FrameDecoder(int maxFrame) {
        // maxFrameLength counts the prefix too; failFast rejects on the prefix alone.
        super(maxFrame + LENGTH_FIELD_LENGTH, 0, LENGTH_FIELD_LENGTH, 0, LENGTH_FIELD_LENGTH, true);
        this.maxFrame = maxFrame;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        if (in.readableBytes() >= LENGTH_FIELD_LENGTH && in.getUnsignedInt(in.readerIndex()) == 0) {
            return breakStream(in, new FramingError(ErrorCode.BAD_FRAME, "zero-length frame"));
        }
        try {
            return super.decode(ctx, in);
        } catch (TooLongFrameException e) {
            return breakStream(in, new FramingError(ErrorCode.FRAME_TOO_LARGE,
                    "frame is larger than max_frame (" + maxFrame + " bytes)"));
        }
    }

    private FramingError breakStream(ByteBuf in, FramingError error) {
        broken = true;
        in.skipBytes(in.readableBytes());
        return error;
    }
}

package chatroom.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * The byte stream to typed messages: the work of {@link FrameDecoder} and {@link MessageDecoder} in
 * one handler, so a server connection carries one pipeline context less and each request one
 * handler hop less. Emits a {@link chatroom.codec.message.Message}, an {@link InvalidMessage} for a
 * bad body, or a {@link FramingError} for a broken stream; never throws for what a peer sends.
 * One instance per channel (it keeps the partial frame).
 */
public class FrameMessageDecoder extends FrameDecoder {

    private final JsonCodec codec;

    public FrameMessageDecoder(int maxFrame, JsonCodec codec) {
        super(maxFrame);
        this.codec = codec;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        Object frame = super.decode(ctx, in);
        if (!(frame instanceof ByteBuf body)) {
            return frame; // null (no whole frame yet) or a FramingError
        }
        try {
            return codec.decode(body);
        } finally {
            body.release();
        }
    }
}

package chatroom.codec;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.handler.codec.LengthFieldPrepender;

/**
 * Prepends the 4-byte big-endian length to every outgoing JSON body. The body buffer itself is
 * passed on retained, not copied, so a broadcast body shared by many channels stays shared.
 */
@Sharable
public class FrameEncoder extends LengthFieldPrepender {

    public static final FrameEncoder INSTANCE = new FrameEncoder();

    private FrameEncoder() {
        super(FrameDecoder.LENGTH_FIELD_LENGTH);
    }
}

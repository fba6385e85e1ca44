package chatroom.codec;

import chatroom.codec.message.Message;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Typed message to one whole frame, length and JSON body in one buffer: the work of
 * {@link MessageEncoder} and {@link FrameEncoder} in one handler, so a server connection carries one
 * pipeline context less and each reply one buffer less. Buffers written past it pass untouched (a
 * server writes its batches of already framed broadcasts from this handler's place). Stateless,
 * so one instance is shared.
 */
@Sharable
public class FrameMessageEncoder extends MessageToMessageEncoder<Message> {

    private final JsonCodec codec;

    public FrameMessageEncoder(JsonCodec codec) {
        super(Message.class);
        this.codec = codec;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Message message, List<Object> out) {
        out.add(codec.encodeFrame(message, ctx.alloc()));
    }
}

package chatroom.codec;

import chatroom.codec.message.Message;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Typed message to JSON body; the {@code LengthFieldPrepender} below it adds the length. Buffers
 * that are already encoded (a broadcast) pass through untouched. Stateless, so one instance is shared.
 */
@Sharable
public class MessageEncoder extends MessageToMessageEncoder<Message> {

    private final JsonCodec codec;

    public MessageEncoder(JsonCodec codec) {
        super(Message.class);
        this.codec = codec;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Message message, List<Object> out) {
        out.add(codec.encode(message, ctx.alloc()));
    }
}

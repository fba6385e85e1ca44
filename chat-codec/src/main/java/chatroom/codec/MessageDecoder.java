package chatroom.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Frame body to typed message. Emits a {@link chatroom.codec.message.Message} or, for bad input, an
 * {@link InvalidMessage}; never throws for what a peer sends. Stateless, so one instance is shared.
 */
@Sharable
public class MessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    private final JsonCodec codec;

    public MessageDecoder(JsonCodec codec) {
        super(ByteBuf.class);
        this.codec = codec;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf body, List<Object> out) {
        out.add(codec.decode(body));
    }
}

package chatroom.codec;

import chatroom.codec.message.Message;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Typed message to JSON body; the {@link FrameEncoder} below it adds the length. Or, made with
 * {@link #framed}, to one whole frame, length and JSON body in one buffer: the work of both handlers
 * in one, so a server connection carries one pipeline context less and each reply one buffer less.
 * Buffers that are already encoded (a broadcast, a server's batch of frames) pass through
 * untouched. Stateless, so one instance is shared.
 */
@Sharable
public class MessageEncoder extends MessageToMessageEncoder<Message> {

    private final JsonCodec codec;
    private final boolean framed;

    /** Encodes JSON bodies, for a pipeline that frames them below (a {@link FrameEncoder}, WebSocket). */
    public MessageEncoder(JsonCodec codec) {
        this(codec, false);
    }

    private MessageEncoder(JsonCodec codec, boolean framed) {
        super(Message.class);
        this.codec = codec;
        this.framed = framed;
    }

    /** An encoder that writes the length too, in the same buffer, with no {@link FrameEncoder} below it. */
    public static MessageEncoder framed(JsonCodec codec) {
        return new MessageEncoder(codec, true);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Message message, List<Object> out) {
        out.add(framed ? codec.encodeFrame(message, ctx.alloc()) : codec.encode(message, ctx.alloc()));
    }
}

package chatroom.client.connection;

import chatroom.codec.FramingError;
import chatroom.codec.InvalidMessage;
import chatroom.codec.message.Bye;
import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Event;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Ping;
import chatroom.codec.message.Pong;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Request;
import chatroom.codec.message.Welcome;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the client pipeline (Lettuce's {@code CommandHandler}): sends each decoded message
 * where it belongs. Replies complete their requests, messages go through the
 * {@link DeliveryTracker}, events to the listeners, a server's {@code ping} gets its {@code pong};
 * {@code welcome}, {@code bye} and the socket's end go to the connection, which decides what they
 * mean. A frame that cannot be read is logged; broken framing closes the socket (the reconnect
 * starts over). One per socket; its state is the connection's, on the same event loop.
 */
final class ClientInboundHandler extends SimpleChannelInboundHandler<Object> {

    private static final Logger log = LoggerFactory.getLogger(ClientInboundHandler.class);

    /** What the connection's state machine hears from a socket. */
    interface Lifecycle {
        /** The server greeted this socket. */
        void welcomed(ChannelHandlerContext ctx, Welcome welcome);

        /** The server says why it is about to close (called before listeners hear the {@code bye}). */
        void saidBye(Bye bye);

        /** The socket is gone. */
        void disconnected();
    }

    private final RequestQueue requests;
    private final BiConsumer<Request, Ok> onOk;
    private final DeliveryTracker delivery;
    private final ListenerNotifier listeners;
    private final Lifecycle lifecycle;

    ClientInboundHandler(RequestQueue requests, BiConsumer<Request, Ok> onOk, DeliveryTracker delivery,
            ListenerNotifier listeners, Lifecycle lifecycle) {
        this.requests = requests;
        this.onOk = onOk;
        this.delivery = delivery;
        this.listeners = listeners;
        this.lifecycle = lifecycle;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Welcome welcome) {
            lifecycle.welcomed(ctx, welcome);
        } else if (msg instanceof Reply reply) {
            requests.answered(reply, onOk);
        } else if (msg instanceof ChatMessage message) {
            delivery.offer(message);
        } else if (msg instanceof Ping ping) {
            ctx.writeAndFlush(new Pong(ping.id(), ping.t()));
        } else if (msg instanceof Bye bye) {
            lifecycle.saidBye(bye);
            listeners.event(bye);
        } else if (msg instanceof Event event) {
            listeners.event(event);
        } else if (msg instanceof FramingError || msg instanceof InvalidMessage) {
            log.warn("unreadable frame from the server: {}", msg);
            if (msg instanceof FramingError) {
                ctx.close();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        lifecycle.disconnected();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection error: {}", cause.toString());
        ctx.close();
    }
}

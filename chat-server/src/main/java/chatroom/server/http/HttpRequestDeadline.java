package chatroom.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every HTTP request, a WebSocket handshake included, a deadline to arrive whole: from the
 * connection's start, or from the previous response on a kept-alive connection, to the last byte
 * of the request. An idle timeout cannot do this job: a slowloris peer sending a byte a second is
 * never idle, and used to hold its connection (and a file descriptor) for as long as it liked.
 * Sits right after the HTTP codec, which marks a request's end with {@link LastHttpContent}.
 */
final class HttpRequestDeadline extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(HttpRequestDeadline.class);

    private final long timeoutMillis;
    private ScheduledFuture<?> deadline;

    HttpRequestDeadline(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof LastHttpContent) {
            disarm(); // the request is whole; answering it is the server's business
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent) {
            arm(ctx); // the answer is on its way: the next request's time starts
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        deadline = ctx.executor().schedule(() -> {
            log.debug("[{}] HTTP request not complete within {} ms, closing", ctx.channel().remoteAddress(),
                    timeoutMillis);
            ctx.close();
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}

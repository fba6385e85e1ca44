package chatroom.server.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The whole pipeline of an HTTP connection beyond the caps with no place left for it: 503 the moment
 * it is accepted, before it says anything, then close. Nothing of the peer's is read or kept, so a
 * flood of these costs a file descriptor only for an instant. Stateless; one instance for all.
 */
@Sharable
final class HttpRefusal extends ChannelInboundHandlerAdapter {

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(OverCapHttpHandler.serviceUnavailable()).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // the peer went away before its refusal: nothing to tell anybody
    }
}

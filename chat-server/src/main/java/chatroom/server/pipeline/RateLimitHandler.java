package chatroom.server.pipeline;

import chatroom.codec.InvalidMessage;
import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.Send;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Limits {@code send} requests per connection with a token bucket. An excess send is not dropped
 * here: it becomes an {@code InvalidMessage rate_limited}, so its error reply keeps its place among
 * the replies and nothing of it reaches the store. Other requests pass uncounted. One instance per
 * channel (it owns the bucket).
 */
public final class RateLimitHandler extends ChannelInboundHandlerAdapter {

    private final TokenBucket bucket;

    public RateLimitHandler(int ratePerSecond, int burst) {
        this.bucket = new TokenBucket(ratePerSecond, burst, System.nanoTime());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Send send && !bucket.tryTake(System.nanoTime())) {
            ctx.fireChannelRead(new InvalidMessage(send.id(), ErrorCode.RATE_LIMITED,
                    "too many messages: slow down"));
            return;
        }
        ctx.fireChannelRead(msg);
    }
}

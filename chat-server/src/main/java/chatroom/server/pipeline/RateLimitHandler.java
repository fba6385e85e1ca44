package chatroom.server.pipeline;

import chatroom.codec.InvalidMessage;
import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.Invite;
import chatroom.codec.message.Join;
import chatroom.codec.message.Leave;
import chatroom.codec.message.Request;
import chatroom.codec.message.Send;
import chatroom.codec.message.SetTopic;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Limits a connection's requests with two token buckets (contract §4 and §9): one for
 * {@code send}, one shared by the room operations {@code join}, {@code leave}, {@code topic} and
 * {@code invite}, whose every success pushes an event to a whole room. An excess request is not
 * dropped here: it becomes an {@code InvalidMessage rate_limited}, so its error reply keeps its
 * place among the replies and nothing of it reaches the rooms or the store. Other requests pass
 * uncounted. One instance per channel (it owns the buckets).
 */
public final class RateLimitHandler extends ChannelInboundHandlerAdapter {

    private final TokenBucket sends;
    private final TokenBucket roomOps;

    public RateLimitHandler(int sendsPerSecond, int sendBurst, int roomOpsPerSecond, int roomOpBurst) {
        long now = System.nanoTime();
        this.sends = new TokenBucket(sendsPerSecond, sendBurst, now);
        this.roomOps = new TokenBucket(roomOpsPerSecond, roomOpBurst, now);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Send send && !sends.tryTake(System.nanoTime())) {
            ctx.fireChannelRead(new InvalidMessage(send.id(), ErrorCode.RATE_LIMITED,
                    "too many messages: slow down"));
            return;
        }
        if (isRoomOperation(msg) && !roomOps.tryTake(System.nanoTime())) {
            ctx.fireChannelRead(new InvalidMessage(((Request) msg).id(), ErrorCode.RATE_LIMITED,
                    "too many joins, leaves, topic changes or invites: slow down"));
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean isRoomOperation(Object msg) {
        return msg instanceof Join || msg instanceof Leave || msg instanceof SetTopic || msg instanceof Invite;
    }
}

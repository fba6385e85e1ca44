package chatroom.client.connection;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One job: when the connection goes away and the client is still armed, ask for a reconnect.
 * The connection decides the delay (exponential backoff with jitter) and disarms the watchdog on
 * {@code logout}, {@code close} or a ban.
 */
@Sharable
public final class ReconnectWatchdog extends ChannelInboundHandlerAdapter {

    /** What a reconnect means to the owner of the connection. */
    public interface Target {
        /** Whether a lost connection should be retried. */
        boolean armed();

        /** The connection is gone: schedule the next attempt. */
        void reconnectLater();
    }

    private final Target target;

    public ReconnectWatchdog(Target target) {
        this.target = target;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ctx.fireChannelInactive();
        if (target.armed()) {
            target.reconnectLater();
        }
    }
}

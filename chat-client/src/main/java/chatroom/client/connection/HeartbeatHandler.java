package chatroom.client.connection;

import chatroom.codec.message.Ping;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the connection alive and notices a dead server: pings when nothing was sent for
 * {@code heartbeat_s}, and closes (so the watchdog reconnects) when nothing arrived for two
 * heartbeats and a bit. Installed once {@code welcome} says the server's heartbeat.
 */
public final class HeartbeatHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatHandler.class);

    /** The idle-state handler and this one, placed before {@code beforeName}. */
    public static void install(io.netty.channel.ChannelPipeline pipeline, String beforeName, int heartbeatS) {
        int silentS = heartbeatS * 2 + 5;
        pipeline.addBefore(beforeName, ClientHandlerNames.IDLE_STATE,
                new IdleStateHandler(silentS, heartbeatS, 0, TimeUnit.SECONDS));
        pipeline.addBefore(beforeName, ClientHandlerNames.HEARTBEAT, new HeartbeatHandler());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(new Ping(null, null));
            } else if (idle.state() == IdleState.READER_IDLE) {
                log.info("the server has been silent too long; reconnecting");
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}

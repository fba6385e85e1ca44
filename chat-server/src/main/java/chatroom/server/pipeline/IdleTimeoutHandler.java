package chatroom.server.pipeline;

import chatroom.codec.message.Bye;
import chatroom.server.session.Session;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a connection that has sent nothing for {@code idle_timeout_s}, saying {@code bye idle_timeout}.
 * The {@code IdleStateHandler} before it measures the silence. A connection with a request still
 * unanswered is waiting for the server, not idle (protocol §9): it is left open, and the session
 * handler restarts the silence count when the answer goes out. Stateless, so shared.
 */
@Sharable
public final class IdleTimeoutHandler extends ChannelInboundHandlerAdapter {

    public static final IdleTimeoutHandler INSTANCE = new IdleTimeoutHandler();

    private IdleTimeoutHandler() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            Session session = Session.of(ctx.channel());
            RequestQueue requests = RequestQueue.of(ctx.channel());
            if (requests != null && requests.awaitingReply()) {
                return;
            }
            if (session != null) {
                session.close(Bye.IDLE_TIMEOUT);
            } else {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}

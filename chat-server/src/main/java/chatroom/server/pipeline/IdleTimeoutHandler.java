package chatroom.server.pipeline;

import chatroom.codec.message.Bye;
import chatroom.server.session.Session;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has sent nothing for {@code idle_timeout_s}, saying {@code bye idle_timeout}.
 * A connection with a request still unanswered is waiting for the server, not idle (protocol §9):
 * it is left open, and the request queue restarts the silence count when the answer goes out.
 *
 * <p>A subclass of the handler that measures the silence, as Netty's {@code ReadTimeoutHandler} is,
 * rather than a second handler after it: one pipeline context less on every connection.
 */
public final class IdleTimeoutHandler extends IdleStateHandler {

    public IdleTimeoutHandler(int idleTimeoutS) {
        super(idleTimeoutS, 0, 0, TimeUnit.SECONDS);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        if (evt.state() != IdleState.READER_IDLE) {
            return;
        }
        RequestQueue requests = RequestQueue.of(ctx.channel());
        if (requests != null && requests.awaitingReply()) {
            return;
        }
        Session session = Session.of(ctx.channel());
        if (session != null) {
            session.close(Bye.IDLE_TIMEOUT);
        } else {
            ctx.close();
        }
    }
}

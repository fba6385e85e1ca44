package chatroom.server.irc;

import chatroom.codec.JsonCodec;
import chatroom.codec.message.ErrorReply;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Reply;
import chatroom.server.session.Session;
import chatroom.server.session.SharedEvent;
import chatroom.server.session.TranslatesEvents;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IRC gateway of one connection, between the line decoder and the session. Inbound, it hands
 * lines to {@link IrcRegistration} until the client is registered, then to {@link IrcCommands},
 * which turn them into the requests of the JSON protocol that the session runs through the same
 * command layer. Outbound, it turns the
 * session's replies and events (typed, or a broadcast's {@link SharedEvent}, whose record it reads
 * and whose chat message it renders once for all IRC recipients) into IRC lines. One instance per channel.
 */
public final class IrcGatewayHandler extends ChannelDuplexHandler implements TranslatesEvents {

    private static final Logger log = LoggerFactory.getLogger(IrcGatewayHandler.class);

    private final JsonCodec events;
    private final IrcConfig config;
    private final IrcNetwork network;
    private IrcConnection irc;
    private IrcAway away;
    private IrcCommands commands;
    private IrcEvents translator;
    private IrcRegistration registration;

    /**
     * @param events decodes the session's encoded bodies (server-to-client types)
     * @param network the server's shared state that IRC shows beyond the replies (owner, privacy, away)
     */
    public IrcGatewayHandler(JsonCodec events, IrcConfig config, IrcNetwork network) {
        this.events = events;
        this.config = config;
        this.network = network;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        irc = new IrcConnection(ctx);
        ctx.channel().attr(IrcNetwork.CONNECTION).set(irc);
        away = new IrcAway(irc, network, config);
        commands = new IrcCommands(irc, network, away);
        translator = new IrcEvents(irc, network, commands);
        registration = new IrcRegistration(irc, commands, config);
    }

    // ---- inbound: IRC lines → requests ----

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg != IrcLineDecoder.TOO_LONG && !(msg instanceof String)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Session session = Session.of(ctx.channel());
        if (session == null || session.isClosing()) {
            return;
        }
        if (msg == IrcLineDecoder.TOO_LONG) {
            irc.numeric("417", "Input line was too long");
            irc.ctx().flush();
            return;
        }
        String line = (String) msg;
        IrcMessage message = IrcMessage.parse(line);
        if (message == null) {
            return;
        }
        irc.beginCommand(message.tags().get("label"));
        try {
            if (message.command().equals("CAP")) {
                registration.cap(message);
            } else if (irc.registered) {
                commands.run(message);
            } else {
                registration.run(message);
            }
        } catch (RuntimeException e) {
            // a command this gateway cannot translate must not take the connection down
            log.warn("{} cannot handle IRC {}: {}", session.logPrefix(), message.command(), e.toString());
            irc.fromServer("FAIL", message.command(), "INTERNAL", "*", "internal error");
        } finally {
            irc.endCommand();
        }
    }

    /**
     * An away user whose last away connection closes is back, as far as the others can tell. What
     * the client was shown and not yet marked read is marked now, after a QUIT as after a drop (best
     * effort: the requests reach the session before it hears of the close; a timer moves them every
     * 2 s anyway).
     */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (irc != null && irc.loggedIn) {
            irc.shownMarkers().flush();
        }
        away.closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    // ---- outbound: replies and events → IRC lines ----

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        // a broadcast comes with its record; every buffer arriving here is a JSON body from the
        // session (this handler's own lines start below it)
        SharedEvent shared = null;
        if (msg instanceof SharedEvent event) {
            shared = event;
            msg = event.event();
        } else if (msg instanceof ByteBuf body) {
            Object decoded;
            try {
                decoded = events.decode(body);
            } finally {
                body.release();
            }
            msg = decoded;
        }
        irc.writing(true);
        try {
            if (msg instanceof Reply reply && !(reply instanceof chatroom.codec.message.Pong)) {
                Consumer<Reply> callback = irc.takeCallback(replyId(reply));
                if (callback != null) {
                    callback.accept(reply);
                } else if (reply instanceof ErrorReply error) {
                    IrcErrors.reply(irc, "*", null, error);
                }
                completeOrClose(ctx, promise, false);
            } else {
                IrcLabel collecting = irc.suspendLabel();
                try {
                    completeOrClose(ctx, promise, translator.write(msg, shared));
                } finally {
                    irc.resumeLabel(collecting);
                }
            }
        } catch (RuntimeException e) {
            log.warn("[{}] cannot translate {} to IRC: {}", ctx.channel().remoteAddress(),
                    msg.getClass().getSimpleName(), e.toString());
            promise.trySuccess();
        } finally {
            irc.writing(false);
            ReferenceCountUtil.release(shared != null ? shared : msg);
        }
    }

    private static Object replyId(Reply reply) {
        if (reply instanceof Ok ok) {
            return ok.id();
        }
        return reply instanceof ErrorReply error ? error.id() : null;
    }

    /** A {@code bye} ends the link: its promise (the session closes on it) completes with the ERROR line. */
    private void completeOrClose(ChannelHandlerContext ctx, ChannelPromise promise, boolean close) {
        if (close) {
            ctx.write(irc.encode(IrcMessage.of("ERROR", "Closing link: " + translator.lastByeReason())), promise);
        } else {
            promise.trySuccess();
        }
    }
}

package chatroom.server.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.unix.Errors;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import java.net.SocketException;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort for an exception: a peer that vanished (reset, broken pipe), speaks plain text to
 * a TLS port or fails the TLS handshake is closed quietly; anything else is unexpected, logged once
 * with the remote address, and the connection closed. Protocol errors never get here: the codec
 * turns them into error replies. The session handler, last in the chat, WebSocket and IRC
 * pipelines, hands its exceptions here rather than to one more handler on every connection.
 */
@Sharable
public final class ExceptionHandler extends ChannelInboundHandlerAdapter {

    public static final ExceptionHandler INSTANCE = new ExceptionHandler();
    private static final Logger log = LoggerFactory.getLogger(ExceptionHandler.class);

    private ExceptionHandler() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isPeerGone(cause)) {
            log.debug("[{}] connection lost: {}", ctx.channel().remoteAddress(), cause.toString());
        } else if (isNotTls(cause)) {
            // never the exception's text: it holds the refused bytes, often a password (IRC's PASS line)
            log.debug("[{}] plain text on a TLS port, closing", ctx.channel().remoteAddress());
        } else if (cause.getCause() instanceof SSLHandshakeException handshake) {
            // a client that does not trust the certificate: its business, and any scanner can cause it
            log.debug("[{}] TLS handshake failed: {}", ctx.channel().remoteAddress(), handshake.getMessage());
        } else {
            log.warn("[{}] unexpected error, closing the connection", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    private static boolean isNotTls(Throwable cause) {
        return cause instanceof NotSslRecordException
                || cause instanceof DecoderException && cause.getCause() instanceof NotSslRecordException;
    }

    private static boolean isPeerGone(Throwable cause) {
        return cause instanceof Errors.NativeIoException || cause instanceof SocketException
                || (cause instanceof IOException && !(cause.getClass().getName().startsWith("io.netty.handler")));
    }
}

package chatroom.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a WebSocket handshake from another site's page with 403 (cross-site WebSocket hijacking:
 * a browser sends the user's cookies and network position along, whatever page opened the socket).
 * Allowed: no {@code Origin} at all (not a browser), the server's own origin ({@code http} or
 * {@code https} with the request's {@code Host}; the latter when a TLS proxy sits in front), and the
 * configured extra origins. Stateless, so one instance serves every connection.
 */
@Sharable
final class WebSocketOriginCheck extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(WebSocketOriginCheck.class);
    private static final byte[] FORBIDDEN = "origin not allowed\n".getBytes(StandardCharsets.UTF_8);

    private final String webSocketPath;
    private final Set<String> allowedOrigins;

    /**
     * @param allowedOrigins lower-case {@code scheme://host[:port]} origins allowed besides the server's own
     */
    WebSocketOriginCheck(String webSocketPath, Set<String> allowedOrigins) {
        this.webSocketPath = webSocketPath;
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request && isWebSocketPath(request) && !allowed(request.headers())) {
            log.info("[{}] WebSocket handshake refused for origin {}", ctx.channel().remoteAddress(),
                    request.headers().get(HttpHeaderNames.ORIGIN));
            ReferenceCountUtil.release(request);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN,
                    Unpooled.wrappedBuffer(FORBIDDEN));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, FORBIDDEN.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            WebSecurityHeaders.addTo(response.headers());
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private boolean isWebSocketPath(FullHttpRequest request) {
        try {
            return new QueryStringDecoder(request.uri()).path().equals(webSocketPath);
        } catch (IllegalArgumentException e) {
            return false; // a broken escape: not the WebSocket path, answered 400 further on
        }
    }

    private boolean allowed(HttpHeaders headers) {
        String origin = headers.get(HttpHeaderNames.ORIGIN, headers.get(HttpHeaderNames.SEC_WEBSOCKET_ORIGIN));
        if (origin == null) {
            return true;
        }
        origin = origin.toLowerCase(Locale.ROOT);
        String host = headers.get(HttpHeaderNames.HOST);
        if (host != null) {
            host = host.toLowerCase(Locale.ROOT);
            if (origin.equals("http://" + host) || origin.equals("https://" + host)) {
                return true;
            }
        }
        return allowedOrigins.contains(origin);
    }
}

package chatroom.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an HTTP connection that came in beyond the connection caps, in one of the few places kept
 * for them: one request, then close. {@code GET /health} is answered as usual, so a monitor still
 * sees a full server as alive; anything else gets 503 with {@code Retry-After}.
 */
@Sharable
final class OverCapHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(OverCapHttpHandler.class);

    private final HealthReport health;

    OverCapHttpHandler(HealthReport health) {
        this.health = health;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response = isHealthCheck(request) ? health.response() : serviceUnavailable();
        if (request.method() == HttpMethod.HEAD) {
            response.content().clear();
        }
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            log.warn("[{}] unexpected error answering beyond the connection caps", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    private static boolean isHealthCheck(FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()
                || (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD)) {
            return false;
        }
        try {
            return new QueryStringDecoder(request.uri()).path().equals("/health");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** 503 for a server at its connection caps; the body says why. */
    static FullHttpResponse serviceUnavailable() {
        byte[] body = "too many connections, try again later\n".getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.SERVICE_UNAVAILABLE, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.RETRY_AFTER, "5")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        WebSecurityHeaders.addTo(response.headers());
        return response;
    }
}

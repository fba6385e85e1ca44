package chatroom.server.http;

import chatroom.server.metrics.ServerMetrics;
import io.netty.buffer.ByteBuf;
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
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain HTTP routes. Static files come from a fixed table of the page's resources, looked up
 * by exact path, so no request path ever reaches the file system. {@code /metrics} is rendered off
 * the event loop (a scrape walks every meter). Every response carries {@link WebSecurityHeaders}.
 */
@Sharable
public final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);

    private final StaticFiles files;
    private final ServerMetrics metrics;
    private final Executor scrapeExecutor;
    private final HealthReport health;

    public HttpRequestHandler(StaticFiles files, HealthReport health, ServerMetrics metrics, Executor scrapeExecutor) {
        this.files = files;
        this.health = health;
        this.metrics = metrics;
        this.scrapeExecutor = scrapeExecutor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, request, text(HttpResponseStatus.BAD_REQUEST, "bad request\n"));
            return;
        }
        String path;
        try {
            path = new QueryStringDecoder(request.uri()).path();
        } catch (IllegalArgumentException e) {
            // a broken %-escape: not a path any file could have
            respond(ctx, request, text(HttpResponseStatus.BAD_REQUEST, "bad request\n"));
            return;
        }
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            FullHttpResponse response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "GET only\n");
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            respond(ctx, request, response);
            return;
        }
        switch (path) {
            case "/health" -> respond(ctx, request, health.response());
            case "/metrics" -> {
                boolean keepAlive = HttpUtil.isKeepAlive(request);
                boolean head = request.method() == HttpMethod.HEAD;
                scrapeExecutor.execute(() -> {
                    FullHttpResponse response = body(HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                            metrics.scrape().getBytes(StandardCharsets.UTF_8));
                    ctx.executor().execute(() -> send(ctx, response, keepAlive, head));
                });
            }
            default -> {
                StaticFiles.File file = files.find(path);
                respond(ctx, request, file == null ? text(HttpResponseStatus.NOT_FOUND, "not found\n")
                        : body(HttpResponseStatus.OK, file.contentType(), file.bytes()));
            }
        }
    }

    /**
     * The last handler before a WebSocket handshake: an idle or vanished HTTP peer is closed
     * quietly (there is nobody to answer); anything else is a server bug, logged, then closed.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ReadTimeoutException || cause instanceof IOException) {
            log.debug("[{}] HTTP connection closed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("[{}] unexpected error on the HTTP port, closing the connection", ctx.channel().remoteAddress(),
                    cause);
        }
        ctx.close();
    }

    private static FullHttpResponse text(HttpResponseStatus status, String text) {
        return body(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static FullHttpResponse body(HttpResponseStatus status, String contentType, byte[] bytes) {
        ByteBuf content = Unpooled.wrappedBuffer(bytes);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        WebSecurityHeaders.addTo(response.headers());
        return response;
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
        send(ctx, response, HttpUtil.isKeepAlive(request), request.method() == HttpMethod.HEAD);
    }

    private static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive, boolean head) {
        if (head) {
            response.content().clear();
        }
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}

package chatroom.server.http;

import chatroom.server.metrics.ServerMetrics;
import chatroom.server.store.ChatStore;
import chatroom.server.cluster.Cluster;
import chatroom.server.store.StoreHealth;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain HTTP routes. Static files come from a fixed table of the page's resources, looked up
 * by exact path, so no request path ever reaches the file system. {@code /metrics} is rendered off
 * the event loop (a scrape walks every meter).
 */
@Sharable
public final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);

    private final StaticFiles files;
    private final ChatStore store;
    private final ServerMetrics metrics;
    private final Executor scrapeExecutor;
    private final IntSupplier connections;
    private final Cluster cluster;

    public HttpRequestHandler(StaticFiles files, ChatStore store, ServerMetrics metrics, Executor scrapeExecutor,
                              IntSupplier connections, Cluster cluster) {
        this.cluster = cluster;
        this.files = files;
        this.store = store;
        this.metrics = metrics;
        this.scrapeExecutor = scrapeExecutor;
        this.connections = connections;
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
            case "/health" -> respond(ctx, request, health());
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

    private FullHttpResponse health() {
        StoreHealth storeHealth = store.health();
        boolean clusterOk = cluster.healthy();
        ObjectNode json = JSON.createObjectNode().put("status", storeHealth.ok() && clusterOk ? "ok" : "degraded");
        json.putObject("store").put("state", storeHealth.state()).put("detail", storeHealth.detail());
        // without the cluster's Redis a node still stores and acknowledges: degraded, but still 200
        json.putObject("cluster").put("state", clusterOk ? "ok" : "unreachable").put("detail", cluster.describe());
        json.put("connections", connections.getAsInt());
        FullHttpResponse response = body(storeHealth.ok() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                "application/json; charset=utf-8", json.toString().getBytes(StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }

    private static FullHttpResponse text(HttpResponseStatus status, String text) {
        return body(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static FullHttpResponse body(HttpResponseStatus status, String contentType, byte[] bytes) {
        ByteBuf content = Unpooled.wrappedBuffer(bytes);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set("X-Content-Type-Options", "nosniff");
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

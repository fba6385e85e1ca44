package chatroom.server.http;

import chatroom.server.cluster.Cluster;
import chatroom.server.store.ChatStore;
import chatroom.server.store.StoreHealth;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * The {@code /health} answer: 200 while the store writes, 503 when it cannot. It is served to
 * anyone who can reach the HTTP port, so it says states, not where things live: no database path,
 * and a failure's message with anything that looks like a file path cut out.
 */
public final class HealthReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An absolute Unix or Windows path inside a message (not the slash of "a/b" or "x://"). */
    private static final Pattern PATH = Pattern.compile("(?<![\\w/.:])(?:[A-Za-z]:\\\\|/)[^\\s'\"]+");

    private final ChatStore store;
    private final Cluster cluster;
    private final IntSupplier connections;

    /**
     * @param connections the open connections on all listeners
     */
    public HealthReport(ChatStore store, Cluster cluster, IntSupplier connections) {
        this.store = store;
        this.cluster = cluster;
        this.connections = connections;
    }

    /** A fresh response, built on the event loop: both health checks only read volatile state. */
    FullHttpResponse response() {
        StoreHealth storeHealth = store.health();
        boolean clusterOk = cluster.healthy();
        ObjectNode json = JSON.createObjectNode().put("status", storeHealth.ok() && clusterOk ? "ok" : "degraded");
        ObjectNode storeJson = json.putObject("store").put("state", storeHealth.state());
        if (!storeHealth.ok()) {
            storeJson.put("detail", withoutPaths(storeHealth.detail()));
        }
        // without the cluster's Redis a node still stores and acknowledges: degraded, but still 200
        json.putObject("cluster").put("state", clusterOk ? "ok" : "unreachable").put("detail", cluster.describe());
        json.put("connections", connections.getAsInt());
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                storeHealth.ok() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        WebSecurityHeaders.addTo(response.headers());
        return response;
    }

    static String withoutPaths(String detail) {
        return detail == null ? null : PATH.matcher(detail).replaceAll("[path]");
    }
}

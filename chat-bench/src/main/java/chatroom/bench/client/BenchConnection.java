package chatroom.bench.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One load-generator connection. Setup requests ({@link #request}) get a future matched by id;
 * timed sends ({@link #sendTimed}) are built straight into a buffer and matched to their reply in
 * order (the contract answers a connection's requests in order), so the hot path allocates only
 * the frame.
 */
public final class BenchConnection implements TimedSender {

    static final AttributeKey<BenchConnection> KEY = AttributeKey.valueOf(BenchConnection.class, "bench");
    static final ObjectMapper JSON = new ObjectMapper();
    /** The contract's default heartbeat, for a wait before the {@code welcome} arrived. */
    private static final long DEFAULT_HEARTBEAT_MS = 30_000;

    private final Channel channel;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    /** {id, send time} of timed sends waiting for their reply; event loop only. */
    private final ArrayDeque<long[]> timedSends = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong(1);
    private final CompletableFuture<JsonNode> welcome = new CompletableFuture<>();
    private volatile DeliveryListener listener = DeliveryListener.NONE;
    private volatile String user;
    private volatile String closeReason;

    BenchConnection(Channel channel) {
        this.channel = channel;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    /** Completes with the server's {@code welcome}. */
    public CompletableFuture<JsonNode> welcome() {
        return welcome;
    }

    public String user() {
        return user;
    }

    void user(String user) {
        this.user = user;
    }

    @Override
    public void listener(DeliveryListener listener) {
        this.listener = listener;
    }

    /** Timed sends still waiting for their reply; event loop only. */
    @Override
    public int outstanding() {
        return timedSends.size();
    }

    @Override
    public boolean isActive() {
        return channel.isActive();
    }

    /**
     * Completes after {@code millis}, pinging the server every {@code heartbeat_s} of its
     * {@code welcome} meanwhile, as a client waiting out a {@code retry_after_ms} must (contract
     * §3): a wait longer than the idle timeout would otherwise lose the connection.
     */
    public CompletableFuture<Void> waitAlive(long millis) {
        JsonNode hello = welcome.getNow(null);
        long heartbeatMs = hello == null ? DEFAULT_HEARTBEAT_MS : hello.path("heartbeat_s").asLong(30) * 1000;
        long step = Math.min(millis, heartbeatMs);
        CompletableFuture<Void> slept = CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(step, TimeUnit.MILLISECONDS));
        if (step >= millis) {
            return slept;
        }
        return slept.thenCompose(done -> {
            if (!isActive()) {
                return slept;
            }
            request("ping");
            return waitAlive(millis - step);
        });
    }

    /** Pings the server every {@code heartbeat_s} until the connection closes: an idle client logged in. */
    public void keepAlive() {
        waitAlive(Long.MAX_VALUE);
    }

    /** Sends a request built from key/value pairs and completes with its reply ({@code ok} or {@code error}). */
    public CompletableFuture<JsonNode> request(String type, Object... keyValues) {
        ObjectNode node = JSON.createObjectNode().put("type", type);
        long id = ids.getAndIncrement();
        node.put("id", id);
        for (int i = 0; i < keyValues.length; i += 2) {
            node.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuf frame = channel.alloc().buffer(4 + json.length).writeInt(json.length).writeBytes(json);
        channel.writeAndFlush(frame).addListener(f -> {
            if (!f.isSuccess()) {
                pending.remove(id);
                reply.completeExceptionally(f.cause());
            }
        });
        return reply;
    }

    /**
     * Writes {@code {"type":"send","id":N,<target>"text":"bench <now> <padding>"}}; event loop only.
     *
     * @param target the addressing fields with a trailing comma, e.g. {@code "room":"r1",}
     * @param padding ASCII appended to the text to reach the configured message size
     * @param flush whether to flush now (false when a burst of sends follows)
     */
    @Override
    public void sendTimed(byte[] target, byte[] padding, boolean flush) {
        long id = ids.getAndIncrement();
        long now = BenchClock.nanos();
        ByteBuf frame = channel.alloc().buffer(72 + target.length + padding.length);
        frame.writeInt(0);
        frame.writeCharSequence("{\"type\":\"send\",\"id\":", StandardCharsets.US_ASCII);
        writeDigits(frame, id);
        frame.writeByte(',');
        frame.writeBytes(target);
        frame.writeCharSequence("\"text\":\"" + BenchFrameHandler.MARKER, StandardCharsets.US_ASCII);
        writeDigits(frame, now);
        frame.writeByte(' ');
        frame.writeBytes(padding);
        frame.writeCharSequence("\"}", StandardCharsets.US_ASCII);
        frame.setInt(0, frame.readableBytes() - 4);
        timedSends.add(new long[] {id, now});
        if (flush) {
            channel.writeAndFlush(frame, channel.voidPromise());
        } else {
            channel.write(frame, channel.voidPromise());
        }
    }

    @Override
    public void flush() {
        channel.flush();
    }

    public void close() {
        channel.close();
    }

    /** Why the server closed the connection ({@code bye} reason), or null. */
    public String closeReason() {
        return closeReason;
    }

    // ---- called by BenchFrameHandler on the event loop ----

    void timedMessage(long latencyNanos) {
        listener.delivered(latencyNanos);
    }

    void frame(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("server sent bad JSON: " + json, e);
        }
        String type = node.path("type").asText();
        switch (type) {
            case "welcome" -> welcome.complete(node);
            case "ok", "error", "pong" -> reply(node, "ok".equals(type));
            case "bye" -> closeReason = node.path("reason").asText();
            default -> {
                // other events (presence, topic, untimed messages) are not measured
            }
        }
    }

    private void reply(JsonNode node, boolean ok) {
        JsonNode idNode = node.get("id");
        if (idNode == null || !idNode.canConvertToLong()) {
            return;
        }
        long id = idNode.asLong();
        long[] head = timedSends.peek();
        if (head != null && head[0] == id) {
            timedSends.poll();
            listener.acked(BenchClock.nanos() - head[1], ok, ok ? null : node.path("code").asText());
            return;
        }
        CompletableFuture<JsonNode> reply = pending.remove(id);
        if (reply != null) {
            reply.complete(node);
        }
    }

    void inactive() {
        IllegalStateException closed = new IllegalStateException(
                "connection closed" + (closeReason == null ? "" : ": bye " + closeReason));
        welcome.completeExceptionally(closed);
        pending.values().forEach(reply -> reply.completeExceptionally(closed));
        pending.clear();
        listener.closed(this, closeReason == null ? "closed" : closeReason);
    }

    void failed(Throwable cause) {
        welcome.completeExceptionally(cause);
    }

    private static void writeDigits(ByteBuf buf, long value) {
        buf.writeCharSequence(Long.toString(value), StandardCharsets.US_ASCII);
    }
}

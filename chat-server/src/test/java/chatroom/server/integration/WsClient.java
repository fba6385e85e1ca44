package chatroom.server.integration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A WebSocket chat client for tests, on the JDK's WebSocket: one JSON object per text frame. */
final class WsClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode CLOSED = JSON.createObjectNode().put("type", "_closed");

    private final BlockingQueue<ObjectNode> frames = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private int nextId = 1;

    private WsClient(int httpPort) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/ws"), new Listener()).join();
    }

    static WsClient connect(int httpPort) {
        return new WsClient(httpPort);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add((ObjectNode) JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException("server sent something that is not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            frames.add(CLOSED);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            frames.add(CLOSED);
        }
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** Sends a request with a new id and returns its reply (events before it stay queued). */
    ObjectNode request(String type, Object... keyValues) {
        int id = nextId++;
        ObjectNode message = JSON.createObjectNode().put("type", type).put("id", id);
        for (int i = 0; i < keyValues.length; i += 2) {
            message.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
        }
        sendText(message.toString());
        return next(f -> f.path("id").asText().equals(String.valueOf(id)));
    }

    ObjectNode ok(String type, Object... keyValues) {
        ObjectNode reply = request(type, keyValues);
        if (!"ok".equals(reply.path("type").asText())) {
            throw new AssertionError(type + " failed: " + reply);
        }
        return reply;
    }

    /** The next frame matching {@code filter}, skipping others; fails after 10 s or when the socket closes. */
    ObjectNode next(Predicate<ObjectNode> filter) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            ObjectNode frame;
            try {
                frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (frame == null) {
                throw new AssertionError("no matching frame within 10 s");
            }
            if (frame == CLOSED) {
                if (filter.test(frame)) {
                    return frame;
                }
                frames.add(CLOSED);
                throw new AssertionError("the connection closed");
            }
            if (filter.test(frame)) {
                return frame;
            }
        }
    }

    /** Frames until the connection closes, the last ones included. */
    java.util.List<ObjectNode> untilClosed() {
        java.util.List<ObjectNode> seen = new java.util.ArrayList<>();
        while (true) {
            ObjectNode frame = next(f -> true);
            if (frame == CLOSED) {
                return seen;
            }
            seen.add(frame);
        }
    }

    static boolean isClosed(ObjectNode frame) {
        return frame == CLOSED;
    }

    @Override
    public void close() {
        socket.abort();
    }
}

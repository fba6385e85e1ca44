package chatroom.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A WebSocket chat client for tests on Netty's {@link WebSocketClientHandshaker}, written from the
 * contract: one JSON object per text frame. Besides well-formed requests it can send any frame as
 * is (binary, fragments, invalid UTF-8), which a browser or the JDK client would refuse to. Incoming
 * text frames are queued as JSON; the server's close shows up as a {@code _closed} entry carrying
 * the close status, when one came.
 */
public final class WsClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Frames up to this size are read whole; the server's are far smaller. */
    private static final int MAX_INCOMING = 1 << 20;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<ObjectNode> frames = new LinkedBlockingQueue<>();
    private final Channel channel;
    private int nextId = 1;

    private WsClient(int httpPort, boolean masking, int receiveBuffer) {
        URI uri = URI.create("ws://127.0.0.1:" + httpPort + "/ws");
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri,
                WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), MAX_INCOMING, masking, false);
        Receiver receiver = new Receiver(handshaker);
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class);
            if (receiveBuffer > 0) {
                bootstrap.option(ChannelOption.SO_RCVBUF, receiveBuffer);
            }
            channel = bootstrap
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192), receiver);
                        }
                    })
                    .connect(uri.getHost(), uri.getPort()).sync().channel();
            // the handshake starts in channelActive, on the event loop: started from this thread, the
            // answer could be read (and the HTTP codec removed) before the write's listener checks for it
            receiver.handshakeDone.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new AssertionError("WebSocket handshake failed", e);
        }
    }

    public static WsClient connect(int httpPort) {
        return new WsClient(httpPort, true, 0);
    }

    /** A client with a tiny socket receive buffer, for one that stops reading ({@link #stopReading}). */
    public static WsClient connectWithSmallBuffer(int httpPort) {
        return new WsClient(httpPort, true, 4096);
    }

    /** A client that breaks RFC 6455 by sending its frames unmasked. */
    public static WsClient connectUnmasked(int httpPort) {
        return new WsClient(httpPort, false, 0);
    }

    /** Finishes the handshake, then turns each text frame into a queued JSON object. */
    private final class Receiver extends SimpleChannelInboundHandler<Object> {
        private final WebSocketClientHandshaker handshaker;
        private final java.util.concurrent.CompletableFuture<Void> handshakeDone =
                new java.util.concurrent.CompletableFuture<>();
        private Integer closeStatus;

        Receiver(WebSocketClientHandshaker handshaker) {
            this.handshaker = handshaker;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            handshaker.handshake(ctx.channel()).addListener(sent -> {
                if (!sent.isSuccess()) {
                    handshakeDone.completeExceptionally(sent.cause());
                }
            });
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (!handshaker.isHandshakeComplete()) {
                handshaker.finishHandshake(ctx.channel(), (FullHttpResponse) msg);
                handshakeDone.complete(null);
            } else if (msg instanceof TextWebSocketFrame text) {
                String json = text.text();
                try {
                    frames.add((ObjectNode) JSON.readTree(json));
                } catch (IOException | ClassCastException e) {
                    frames.add(JSON.createObjectNode().put("type", "_not_json").put("text", json));
                }
            } else if (msg instanceof CloseWebSocketFrame close) {
                closeStatus = close.statusCode();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            handshakeDone.completeExceptionally(new IOException("closed before the handshake"));
            ObjectNode closed = JSON.createObjectNode().put("type", "_closed");
            if (closeStatus != null) {
                closed.put("status", closeStatus);
            }
            frames.add(closed);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Sends a frame as is (any kind, fragments included). */
    public void send(WebSocketFrame frame) {
        channel.writeAndFlush(frame).syncUninterruptibly();
    }

    /**
     * Sends a frame without waiting for the write: for a frame the server may already have refused
     * by closing the connection (the write then fails, and Netty releases the frame).
     */
    public void sendWithoutWaiting(WebSocketFrame frame) {
        channel.writeAndFlush(frame);
    }

    public void sendText(String text) {
        send(new TextWebSocketFrame(text));
    }

    public void sendBinary(byte[] bytes) {
        send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    /** A text frame whose payload is these bytes, valid UTF-8 or not. */
    public void sendTextBytes(byte[] bytes) {
        send(new TextWebSocketFrame(true, 0, Unpooled.wrappedBuffer(bytes)));
    }

    /** Sends a request with a new id and returns its reply (events before it are skipped). */
    public ObjectNode request(String type, Object... keyValues) {
        int id = nextId++;
        ObjectNode message = JSON.createObjectNode().put("type", type).put("id", id);
        for (int i = 0; i < keyValues.length; i += 2) {
            message.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
        }
        sendText(message.toString());
        return next(f -> f.path("id").asText().equals(String.valueOf(id)));
    }

    public ObjectNode ok(String type, Object... keyValues) {
        ObjectNode reply = request(type, keyValues);
        if (!"ok".equals(reply.path("type").asText())) {
            throw new AssertionError(type + " failed: " + reply);
        }
        return reply;
    }

    /** The next error frame, skipping others. */
    public ObjectNode nextError() {
        return next(f -> "error".equals(f.path("type").asText()));
    }

    /** The next frame matching {@code filter}, skipping others; fails after 10 s or when the connection closes. */
    public ObjectNode next(Predicate<ObjectNode> filter) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            ObjectNode frame;
            try {
                frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (frame == null) {
                throw new AssertionError("no matching frame within " + TIMEOUT.toSeconds() + " s");
            }
            if (filter.test(frame)) {
                return frame;
            }
            if (isClosed(frame)) {
                frames.add(frame);
                throw new AssertionError("the connection closed");
            }
        }
    }

    /** Frames until the connection closes, the closing {@code _closed} entry last. */
    public List<ObjectNode> untilClosed() {
        List<ObjectNode> seen = new ArrayList<>();
        while (true) {
            ObjectNode frame = next(f -> true);
            seen.add(frame);
            if (isClosed(frame)) {
                return seen;
            }
        }
    }

    public static boolean isClosed(ObjectNode frame) {
        return "_closed".equals(frame.path("type").asText());
    }

    /** Stops reading from the socket, like a peer that hangs; what the server sends piles up. */
    public void stopReading() {
        channel.config().setAutoRead(false);
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

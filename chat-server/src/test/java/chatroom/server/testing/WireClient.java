package chatroom.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A blocking test client written from the wire contract alone (not from the project's codec): a
 * socket, 4-byte big-endian lengths and JSON objects. A reader thread queues every frame; requests
 * wait for the reply with their id and keep the events that came meanwhile.
 */
public final class WireClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode CLOSED = JSON.createObjectNode().put("type", "__closed__");
    /** Field this client adds to every received frame: System.nanoTime() at arrival. */
    public static final String RECEIVED_AT = "_received_at_nanos";

    private final Socket socket;
    private final OutputStream out;
    private final LinkedBlockingQueue<ObjectNode> frames = new LinkedBlockingQueue<>();
    private final List<ObjectNode> events = new ArrayList<>();
    private final ObjectNode welcome;
    private int nextId = 1;
    private volatile boolean closed;

    private WireClient(int port, String localAddress) throws IOException {
        // any 127.0.0.0/8 address is loopback on Linux: binding one makes the server see "another address"
        this(localAddress == null ? new Socket("127.0.0.1", port)
                : new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0));
    }

    private WireClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        Thread reader = new Thread(this::readLoop, "wire-client-reader");
        reader.setDaemon(true);
        reader.start();
        welcome = next(TIMEOUT);
    }

    public static WireClient connect(int port) throws IOException {
        return new WireClient(port, null);
    }

    /** A client over TLS that trusts only {@code trust} (the handshake runs on the first read). */
    public static WireClient connectTls(int port, javax.net.ssl.TrustManagerFactory trust) throws Exception {
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return new WireClient(context.getSocketFactory().createSocket("127.0.0.1", port));
    }

    /** A client whose socket is bound to {@code localAddress} (for example 127.0.0.2). */
    public static WireClient connectFrom(int port, String localAddress) throws IOException {
        return new WireClient(port, localAddress);
    }

    /** Sends a request with the given id without waiting; {@link #replyTo} collects the answer. */
    public void sendRequest(Object id, String type, Object... keyValues) {
        ObjectNode node = message(type, keyValues);
        node.set("id", JSON.valueToTree(id));
        send(node);
    }

    public ObjectNode welcome() {
        return welcome;
    }

    private void readLoop() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int length = in.readInt();
                byte[] body = new byte[length];
                in.readFully(body);
                ObjectNode frame = (ObjectNode) JSON.readTree(body);
                frame.put(RECEIVED_AT, System.nanoTime()); // for latency checks; not part of the protocol
                frames.add(frame);
            }
        } catch (EOFException | SocketException e) {
            // the server closed, or we did
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            closed = true;
            frames.add(CLOSED);
        }
    }

    private ObjectNode next(Duration timeout) {
        try {
            ObjectNode frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + timeout);
            }
            if (frame == CLOSED) {
                frames.add(CLOSED);
                throw new AssertionError("connection closed by the server");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    // ---- requests ----

    /** Builds {"type": type, "id": n, k1: v1, ...}; values null are left out. */
    public ObjectNode message(String type, Object... keyValues) {
        ObjectNode node = JSON.createObjectNode().put("type", type);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                node.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
            }
        }
        return node;
    }

    /** Sends a request with a new integer id and returns its reply. */
    public ObjectNode request(String type, Object... keyValues) {
        int id = nextId++;
        ObjectNode node = message(type, keyValues);
        node.put("id", id);
        send(node);
        return replyTo(id);
    }

    /** Sends a request and asserts that it succeeded. */
    public ObjectNode ok(String type, Object... keyValues) {
        ObjectNode reply = request(type, keyValues);
        if (!"ok".equals(reply.path("type").asText())) {
            throw new AssertionError(type + " failed: " + reply);
        }
        return reply;
    }

    /** Sends a request and returns the error code of its reply. */
    public String error(String type, Object... keyValues) {
        ObjectNode reply = request(type, keyValues);
        if (!"error".equals(reply.path("type").asText())) {
            throw new AssertionError(type + " should have failed: " + reply);
        }
        return reply.path("code").asText();
    }

    /** Waits for the reply whose id is {@code id}, keeping events that arrive first. */
    public ObjectNode replyTo(Object id) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            ObjectNode frame = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (frame.has("id") && frame.get("id").asText().equals(String.valueOf(id))) {
                return frame;
            }
            events.add(frame);
        }
    }

    public void send(ObjectNode message) {
        sendRaw(frame(message.toString().getBytes(StandardCharsets.UTF_8)));
    }

    public void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new AssertionError("write failed", e);
        }
    }

    public static byte[] frame(byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    // ---- events ----

    /** The next event matching {@code filter} (kept or arriving), removing it; fails after the timeout. */
    public ObjectNode event(Predicate<ObjectNode> filter) {
        return event(filter, TIMEOUT);
    }

    public ObjectNode event(Predicate<ObjectNode> filter, Duration timeout) {
        for (Iterator<ObjectNode> it = events.iterator(); it.hasNext(); ) {
            ObjectNode event = it.next();
            if (filter.test(event)) {
                it.remove();
                return event;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ObjectNode frame = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (filter.test(frame)) {
                return frame;
            }
            events.add(frame);
        }
    }

    /** The next event of a type. */
    public ObjectNode event(String type) {
        return event(e -> type.equals(e.path("type").asText()));
    }

    /** The next {@code message} event of a room. */
    public ObjectNode messageIn(String room) {
        return event(e -> "message".equals(e.path("type").asText()) && room.equals(e.path("room").asText()));
    }

    /**
     * The seqs of the next {@code count} {@code message} events of a room, in the order they came, each
     * awaited up to {@code timeout}.
     */
    public List<Long> messageSeqsIn(String room, int count, Duration timeout) {
        List<Long> seqs = new ArrayList<>();
        while (seqs.size() < count) {
            seqs.add(event(e -> "message".equals(e.path("type").asText()) && room.equals(e.path("room").asText()),
                    timeout).path("seq").asLong());
        }
        return seqs;
    }

    /** Every frame received so far or within {@code wait}, kept events first; removes them. */
    public List<ObjectNode> drain(Duration wait) {
        List<ObjectNode> all = new ArrayList<>(events);
        events.clear();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                ObjectNode frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (frame == null || frame == CLOSED) {
                    if (frame == CLOSED) {
                        frames.add(CLOSED);
                    }
                    return all;
                }
                all.add(frame);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return all;
            }
        }
    }

    /** Reads until the server closes; returns what came before the close. Fails if it stays open. */
    public List<ObjectNode> untilClosed(Duration timeout) {
        List<ObjectNode> seen = new ArrayList<>(events);
        events.clear();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                ObjectNode frame = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (frame == null) {
                    throw new AssertionError("still open after " + timeout + "; saw " + seen);
                }
                if (frame == CLOSED) {
                    frames.add(CLOSED);
                    return seen;
                }
                seen.add(frame);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The server port this client is connected to: which node, on a cluster. */
    public int serverPort() {
        return socket.getPort();
    }

    public boolean isClosed() {
        return closed;
    }

    // ---- accounts ----

    public ObjectNode register(String user, String password) {
        return ok("register", "user", user, "password", password);
    }

    public ObjectNode login(String user, String password) {
        return ok("login", "user", user, "password", password);
    }

    /** The password {@link #signUp} gives an account: tests that log the same account in elsewhere use it. */
    public static String passwordOf(String user) {
        return "password-" + user;
    }

    /** Registers and logs in; returns the login reply (with the token). */
    public ObjectNode signUp(String user) {
        register(user, passwordOf(user));
        return login(user, passwordOf(user));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}

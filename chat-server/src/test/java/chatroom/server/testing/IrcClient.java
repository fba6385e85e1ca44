package chatroom.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A raw-socket IRC client for tests: writes lines, reads the server's lines on a thread, and
 * waits for one that matches (lines passed over are kept for later waits).
 */
public final class IrcClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String CLOSED = "\0closed";

    private final Socket socket;
    private final OutputStream out;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> skipped = new ArrayList<>();
    private volatile boolean closed;

    /** A client connected to the IRC port {@code port} of 127.0.0.1; a failure to connect fails the test. */
    public static IrcClient connect(int port) {
        try {
            return new IrcClient(port);
        } catch (IOException e) {
            throw new AssertionError("cannot connect to the IRC port " + port, e);
        }
    }

    public IrcClient(int port) throws IOException {
        this(plainSocket(port));
    }

    /** A client on {@code socket}, connected already (a TLS socket with its handshake pending is fine). */
    public IrcClient(Socket socket) throws IOException {
        this.socket = socket;
        out = socket.getOutputStream();
        Thread reader = new Thread(this::readLoop, "irc-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    private static Socket plainSocket(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return socket;
    }

    /**
     * A TLS client that trusts only {@code trust} and checks the server's name as HTTPS does; the
     * handshake completes before this returns.
     */
    public static IrcClient tls(int port, javax.net.ssl.TrustManagerFactory trust) throws Exception {
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory()
                .createSocket(plainSocket(port), "localhost", port, true);
        javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return new IrcClient(socket);
    }

    private void readLoop() {
        try (InputStream in = socket.getInputStream()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.UTF_8);
                    lines.add(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        } catch (IOException e) {
            // closed
        }
        closed = true;
        lines.add(CLOSED);
    }

    public void send(String line) {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new AssertionError("cannot write", e);
        }
    }

    /** The first line (after those already taken) matching {@code filter}; fails after 10 s. */
    public String await(Predicate<String> filter) {
        for (Iterator<String> it = skipped.iterator(); it.hasNext(); ) {
            String line = it.next();
            if (filter.test(line)) {
                it.remove();
                return line;
            }
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("no matching line within " + TIMEOUT + "; got " + skipped);
                }
                if (line == CLOSED) {
                    lines.add(CLOSED);
                    throw new AssertionError("connection closed; got " + skipped);
                }
                if (filter.test(line)) {
                    return line;
                }
                skipped.add(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The first line whose command (after tags and prefix) is {@code command}, e.g. "001" or "PRIVMSG". */
    public String awaitCommand(String command) {
        return await(line -> command.equals(commandOf(line)));
    }

    /** The first line with {@code command} that contains {@code text}. */
    public String awaitCommand(String command, String text) {
        return await(line -> command.equals(commandOf(line)) && line.contains(text));
    }

    public static String commandOf(String line) {
        String[] words = line.split(" ");
        int i = 0;
        if (i < words.length && words[i].startsWith("@")) {
            i++;
        }
        if (i < words.length && words[i].startsWith(":")) {
            i++;
        }
        return i < words.length ? words[i] : "";
    }

    /** Every line received so far that was not taken by a wait, plus what arrives within {@code wait}. */
    public List<String> drain(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> all = new ArrayList<>(skipped);
        skipped.clear();
        try {
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line == CLOSED) {
                    if (line == CLOSED) {
                        lines.add(CLOSED);
                    }
                    return all;
                }
                all.add(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return all;
        }
    }

    /** Waits until the server has closed the connection. */
    public void awaitClosed() {
        chatroom.testing.Wait.until("the server closes the IRC connection", () -> closed);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Registers with SASL PLAIN and the given capabilities; returns once 001 arrived. */
    public IrcClient saslLogin(String user, String password, String caps) {
        send("CAP LS 302");
        awaitCommand("CAP", " LS ");
        send("CAP REQ :" + (caps.isEmpty() ? "sasl" : "sasl " + caps));
        awaitCommand("CAP", " ACK ");
        send("AUTHENTICATE PLAIN");
        awaitCommand("AUTHENTICATE");
        send("AUTHENTICATE " + Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                .getBytes(StandardCharsets.UTF_8)));
        awaitCommand("903");
        send("NICK " + user);
        send("USER " + user + " 0 * :" + user);
        send("CAP END");
        awaitCommand("001");
        return this;
    }

    /** Registers with {@code PASS user:password} and no capabilities; returns once 001 arrived. */
    public IrcClient passLogin(String user, String password) {
        send("PASS " + user + ":" + password);
        send("NICK " + user);
        send("USER " + user + " 0 * :" + user);
        awaitCommand("001");
        return this;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}

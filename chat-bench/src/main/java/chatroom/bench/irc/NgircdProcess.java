package chatroom.bench.irc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's ngircd as a process of its own on 127.0.0.1 and a free port, for comparing the chat
 * server with a C IRC server under the same load. Its configuration ({@link #config}) lifts the
 * limits a bench would hit: connections per address and in total, channels per user, and the flood
 * penalties ({@code MaxPenaltyTime = 0} turns ngircd's command and byte throttling off, which would
 * otherwise slow a client to about one command a second past a short burst); no PAM, IDENT or DNS.
 * What stays: ngircd closes a client whose unsent output grows past its write-buffer limit, and
 * reads at most a few KB of a client's input per loop, so very large send windows get cut.
 */
public final class NgircdProcess implements AutoCloseable {

    /** Where Debian installs it. */
    public static final Path BINARY = Path.of("/usr/sbin/ngircd");

    private final Process process;
    private final int port;
    private final Path directory;

    private NgircdProcess(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Writes a configuration into a new temporary directory, starts ngircd and waits until it accepts. */
    public static NgircdProcess start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path directory = Files.createTempDirectory("chat-bench-ngircd");
        Path conf = directory.resolve("ngircd.conf");
        Files.writeString(conf, config(port, directory), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(BINARY.toString(), "--nodaemon", "--config", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("ngircd.log").toFile())
                .start();
        NgircdProcess ngircd = new NgircdProcess(process, port, directory);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("ngircd exited with " + process.exitValue() + ": "
                        + Files.readString(directory.resolve("ngircd.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return ngircd;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        ngircd.close();
        throw new IOException("ngircd did not accept on port " + port + " within 20 s");
    }

    /** The configuration for a bench run on {@code port}. */
    public static String config(int port, Path directory) {
        return String.join("\n", List.of(
                "[Global]",
                "Name = ngircd.bench.local",
                "Info = chat-bench comparison server",
                "Listen = 127.0.0.1",
                "Ports = " + port,
                "MotdPhrase = chat-bench",
                "PidFile = " + directory.resolve("ngircd.pid"),
                "[Limits]",
                "MaxConnections = 0",
                "MaxConnectionsIP = 0",
                "MaxJoins = 0",
                "MaxNickLength = 30",
                "MaxPenaltyTime = 0",
                "PingTimeout = 600",
                "PongTimeout = 600",
                "[Options]",
                "PAM = no",
                "Ident = no",
                "DNS = no",
                ""));
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }
}

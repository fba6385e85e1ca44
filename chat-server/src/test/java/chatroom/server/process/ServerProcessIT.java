package chatroom.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ServerProcess;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a user runs it: prints {@code listening on tcp://HOST:PORT} with the real
 * port, greets a client, and on SIGTERM says {@code bye server_shutdown} and exits with status 0.
 */
class ServerProcessIT {

    private static final Pattern LISTENING = Pattern.compile("listening on tcp://([^:]+):(\\d+)");

    @TempDir
    Path dataDir;

    @Test
    void jar_printsListeningLine_greets_andExitsZeroOnSigterm() throws Exception {
        assertThat(ServerProcess.jar()).exists();
        List<String> command = ServerProcess.javaCommand();
        command.addAll(List.of("--host", "127.0.0.1", "--port", "0", "--http-port", "0", "--irc-port", "0",
                "--data-dir", dataDir.toString()));
        Process server = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
            Matcher matcher = LISTENING.matcher(line);
            assertThat(matcher.find()).as("first line: %s", line).isTrue();
            int port = Integer.parseInt(matcher.group(2));
            String httpLine = CompletableFuture.supplyAsync(() -> readLine(out)).get(10, TimeUnit.SECONDS);
            Matcher http = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ").matcher(httpLine);
            assertThat(http.find()).as("second line: %s", httpLine).isTrue();
            int httpPort = Integer.parseInt(http.group(1));
            assertThat(httpPort).isNotEqualTo(port).isPositive();
            try (Socket healthCheck = new Socket("127.0.0.1", httpPort)) {
                healthCheck.getOutputStream().write("GET /health HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(healthCheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                        .startsWith("HTTP/1.1 200").contains("\"status\":\"ok\"");
            }

            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(20_000);
                DataInputStream in = new DataInputStream(socket.getInputStream());
                assertThat(readFrame(in)).contains("\"type\":\"welcome\"").contains("\"protocol\":2");
                DataOutputStream send = new DataOutputStream(socket.getOutputStream());
                byte[] ping = "{\"type\":\"ping\",\"id\":\"p\",\"t\":7}".getBytes(StandardCharsets.UTF_8);
                send.writeInt(ping.length);
                send.write(ping);
                send.flush();
                assertThat(readFrame(in)).contains("\"type\":\"pong\"").contains("\"t\":7");

                server.destroy(); // SIGTERM
                assertThat(readFrame(in)).contains("\"type\":\"bye\"").contains("server_shutdown");
            }
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isZero();
            assertThat(Files.exists(dataDir.resolve("chat.db"))).isTrue();
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void aPortInUse_endsTheProcessWithStatus1_andSaysWhichPort() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            List<String> command = ServerProcess.javaCommand();
            command.addAll(List.of("--host", "127.0.0.1", "--port", "0", "--http-port", "-1",
                    "--irc-port", Integer.toString(taken.getLocalPort()), "--data-dir", dataDir.toString()));
            Process server = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(server));
                assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the process ends instead of serving half").isTrue();
                assertThat(server.exitValue()).isEqualTo(1);
                assertThat(err.get(10, TimeUnit.SECONDS)).contains("cannot start")
                        .contains("IRC port 127.0.0.1:" + taken.getLocalPort());
            } finally {
                server.destroyForcibly();
            }
        }
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readFrame(DataInputStream in) throws IOException {
        int length = in.readInt();
        byte[] body = new byte[length];
        in.readFully(body);
        return new String(body, StandardCharsets.UTF_8);
    }
}

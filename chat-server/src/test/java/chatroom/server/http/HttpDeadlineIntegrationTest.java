package chatroom.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.RawHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Slowloris: a request (or a WebSocket handshake) that never arrives whole is cut off at the deadline. */
class HttpDeadlineIntegrationTest {

    @RegisterExtension
    final ChatServerExtension server = ChatServerExtension.withConfig(b -> b.httpPort(0).httpRequestTimeoutS(1));
    Thread dribbler;

    @AfterEach
    void stop() throws InterruptedException {
        if (dribbler != null) {
            dribbler.interrupt();
            dribbler.join();
        }
    }

    @Test
    void httpRequestSentOneByteAtATime_isClosedAtTheDeadline() throws IOException {
        try (RawHttp slow = new RawHttp(server.httpPort())) {
            dribble(slow, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "X-Padding: aaaaaaaaaa\r\n".repeat(100));
            long start = System.nanoTime();
            assertThat(slow.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void webSocketHandshakeNeverCompleted_isClosedAtTheDeadline() throws IOException {
        try (RawHttp slow = new RawHttp(server.httpPort())) {
            slow.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n");
            dribble(slow, "Sec-WebSocket-Version: 13\r\n".repeat(100));
            long start = System.nanoTime();
            assertThat(slow.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void requestsArrivingInTime_areAnswered_onOneKeepAliveConnection() throws IOException {
        try (RawHttp http = new RawHttp(server.httpPort())) {
            assertThat(http.get("/").status()).isEqualTo(200);
            assertThat(http.get("/js/main.js").status()).isEqualTo(200);
        }
    }

    /** Writes the text a byte every 100 ms (the attack's pace, not a wait) until the server closes. */
    private void dribble(RawHttp connection, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        dribbler = new Thread(() -> {
            try {
                OutputStream out = connection.socket().getOutputStream();
                for (byte b : bytes) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // closed by the server, or the test is over
            }
        }, "slowloris");
        dribbler.start();
    }
}

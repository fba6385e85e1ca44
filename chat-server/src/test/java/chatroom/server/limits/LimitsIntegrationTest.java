package chatroom.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idle timeout and the send rate limit, with small configured values. */
class LimitsIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void silentConnection_getsByeIdleTimeout_whileAPingingOneStays() {
        try (ServerFixture fixture = new ServerFixture(dataDir, b -> b.heartbeatS(1).idleTimeoutS(2))) {
            // The server's idle clock starts when the silent client connects, so the stopwatch does too.
            long start = System.nanoTime();
            WireClient silent = fixture.connect();
            WireClient pinging = fixture.connect();
            List<ObjectNode> last = new ArrayList<>();
            Thread watcher = new Thread(() -> last.addAll(silent.untilClosed(Duration.ofSeconds(10))));
            watcher.start();
            while (watcher.isAlive()) {
                pinging.request("ping");
                try {
                    watcher.join(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
            assertThat(last).extracting(n -> n.path("reason").asText()).containsExactly("idle_timeout");
            assertThat(pinging.request("ping").path("type").asText()).isEqualTo("pong");
            assertThat(pinging.isClosed()).isFalse();
        }
    }

    @Test
    void sendsBeyondTheBurst_areRateLimited_andNotStored() {
        try (ServerFixture fixture = new ServerFixture(dataDir, b -> b.rate(1).burst(10))) {
            WireClient c = fixture.user("chatty");
            c.ok("join", "room", "flood");
            for (int i = 1; i <= 30; i++) {
                c.send(c.message("send", "id", i, "room", "flood", "text", "f" + i));
            }
            int ok = 0;
            int limited = 0;
            for (int i = 1; i <= 30; i++) {
                ObjectNode reply = c.replyTo(i);
                if ("ok".equals(reply.path("type").asText())) {
                    ok++;
                } else if ("rate_limited".equals(reply.path("code").asText())) {
                    limited++;
                }
            }
            assertThat(ok).isBetween(10, 12);
            assertThat(limited).isEqualTo(30 - ok);
            assertThat(c.ok("history", "room", "flood", "limit", 200).path("messages")).hasSize(ok);
            for (int i = 0; i < 20; i++) {
                assertThat(c.request("ping").path("type").asText()).isEqualTo("pong");
            }
        }
    }
}

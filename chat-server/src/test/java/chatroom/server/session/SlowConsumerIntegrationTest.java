package chatroom.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import chatroom.testing.Wait;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member who stops reading while the room is busy is disconnected once its outbound queue is
 * full; the server never holds more than that for it, and the members who read get every message.
 */
class SlowConsumerIntegrationTest {

    private static final int MAX_OUTBOUND = 64 * 1024;

    @TempDir
    Path dataDir;

    @Test
    void readerThatStops_isDisconnected_queueStaysBounded_othersGetEverything() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dataDir,
                b -> b.maxOutboundBytes(MAX_OUTBOUND).rate(100_000).burst(100_000))) {
            WireClient sender = fixture.user("flooder");
            WireClient reader = fixture.user("keeps_up");
            sender.ok("join", "room", "busy");
            reader.ok("join", "room", "busy");

            // The stalled member: logs in and joins, then never reads again, with a tiny receive buffer.
            fixture.connect().register("stalled", "password-stalled");
            Socket stalled = new Socket();
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", fixture.server().port()));
            DataOutputStream out = new DataOutputStream(stalled.getOutputStream());
            for (String json : List.of(
                    "{\"type\":\"login\",\"id\":1,\"user\":\"stalled\",\"password\":\"password-stalled\"}",
                    "{\"type\":\"join\",\"id\":2,\"room\":\"busy\"}")) {
                byte[] body = json.getBytes(StandardCharsets.UTF_8);
                out.writeInt(body.length);
                out.write(body);
            }
            out.flush();
            Wait.until("stalled user joined", () -> sender.ok("members", "room", "busy").path("members").size() == 3);
            int connectionsBefore = fixture.server().connectionCount();

            String text = "x".repeat(2000);
            long maxQueued = 0;
            int sent = 0;
            List<Long> sentAt = new ArrayList<>();
            while (fixture.server().connectionCount() == connectionsBefore && sent < 20_000) {
                sentAt.add(System.nanoTime());
                sender.ok("send", "room", "busy", "text", text + sent);
                sent++;
                maxQueued = Math.max(maxQueued, fixture.server().queuedOutboundBytes());
            }
            System.out.println("stalled reader cut off after " + sent + " messages of 2 KB; most queued: " + maxQueued);
            assertThat(fixture.server().connectionCount()).as("the stalled reader was disconnected")
                    .isEqualTo(connectionsBefore - 1);
            // Bounded: the stalled session's queue is cut at MAX_OUTBOUND plus the one message that crossed it;
            // the other sessions drain as they go.
            assertThat(maxQueued).isLessThan(MAX_OUTBOUND + 64 * 1024L);

            List<Long> seqs = new ArrayList<>();
            List<Long> latencies = new ArrayList<>();
            while (seqs.size() < sent) {
                var message = reader.messageIn("busy");
                latencies.add(message.path(WireClient.RECEIVED_AT).asLong() - sentAt.get(seqs.size()));
                seqs.add(message.path("seq").asLong());
            }
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(i + 1L);
            }
            // While the stalled reader's buffers filled (the last messages before it was cut off), the
            // member who reads kept getting messages as fast as at the start: fan-out never waits for
            // a slow peer. The bound is loose on purpose (a shared CI machine); blocking would blow it.
            long earlyWorst = latencies.subList(0, latencies.size() / 2).stream().max(Long::compare).orElseThrow();
            long lateWorst = latencies.subList(Math.max(0, latencies.size() - 100), latencies.size()).stream()
                    .max(Long::compare).orElseThrow();
            System.out.printf("reader latency: worst %.1f ms early, %.1f ms while the stalled reader filled up%n",
                    earlyWorst / 1e6, lateWorst / 1e6);
            assertThat(Duration.ofNanos(lateWorst)).isLessThan(Duration.ofNanos(Math.max(earlyWorst * 10,
                    Duration.ofMillis(500).toNanos())));
            assertThat(sender.request("ping").path("type").asText()).isEqualTo("pong");
            stalled.close();
            Wait.until("nothing left queued", Duration.ofSeconds(10), () -> fixture.server().queuedOutboundBytes() == 0);
        }
    }
}

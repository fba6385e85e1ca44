package chatroom.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import chatroom.server.testing.WsClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The WebSocket transport at /ws: the same protocol, rules and rooms as the TCP port. */
class WebSocketIntegrationTest {

    @RegisterExtension
    static final ChatServerExtension server =
            ChatServerExtension.withConfig(b -> b.httpPort(0).maxFrame(4096).rate(5).burst(5));

    private static WsClient signedUp(String name) {
        WsClient ws = WsClient.connect(server.httpPort());
        ws.next(f -> "welcome".equals(f.path("type").asText()));
        ws.ok("register", "user", name, "password", "password-" + name);
        ws.ok("login", "user", name, "password", "password-" + name);
        return ws;
    }

    @Test
    void welcomeComesFirst_withTheSameLimitsAsTcp() {
        try (WsClient ws = WsClient.connect(server.httpPort())) {
            ObjectNode welcome = ws.next(f -> true);
            assertThat(welcome.path("type").asText()).isEqualTo("welcome");
            assertThat(welcome.path("protocol").asInt()).isEqualTo(2);
            assertThat(welcome.path("max_frame").asInt()).isEqualTo(4096);
            assertThat(ws.request("join", "room", "x").path("code").asText()).isEqualTo("unauthenticated");
        }
    }

    @Test
    void webSocketAndTcpUsers_shareRooms_andSeeEachOthersMessages() {
        try (WsClient web = signedUp("网页")) {
            WireClient tcp = server.user("终端");
            web.ok("join", "room", "混合");
            tcp.ok("join", "room", "混合");

            web.ok("send", "room", "混合", "text", "来自浏览器 👋");
            assertThat(tcp.messageIn("混合").path("text").asText()).isEqualTo("来自浏览器 👋");
            tcp.ok("send", "room", "混合", "text", "from the terminal");
            ObjectNode received = web.next(f -> "message".equals(f.path("type").asText())
                    && "混合".equals(f.path("room").asText()) && "终端".equals(f.path("from").asText()));
            assertThat(received.path("text").asText()).isEqualTo("from the terminal");
            assertThat(received.path("seq").asLong()).isEqualTo(2);

            tcp.ok("send", "to", "网页", "text", "私信");
            assertThat(web.next(f -> "私信".equals(f.path("text").asText())).path("with").asText()).isEqualTo("终端");
        }
    }

    @Test
    void badInput_getsTheProtocolsErrors_andTheConnectionStaysUsable() {
        try (WsClient ws = signedUp("probe")) {
            ws.sendText("this is not json");
            assertThat(ws.next(f -> "error".equals(f.path("type").asText())).path("code").asText()).isEqualTo("bad_request");
            ws.sendText("[1,2,3]");
            assertThat(ws.next(f -> "error".equals(f.path("type").asText())).path("code").asText()).isEqualTo("bad_request");
            ws.sendBinary(WsClient.utf8("{\"type\":\"ping\"}"));
            assertThat(ws.next(f -> "error".equals(f.path("type").asText())).path("code").asText()).isEqualTo("bad_request");
            assertThat(ws.request("teleport").path("code").asText()).isEqualTo("unknown_type");
            assertThat(ws.request("ping", "t", 5).path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void aFrameOverMaxFrame_isFrameTooLarge_andCloses() {
        try (WsClient ws = signedUp("big")) {
            ws.sendText("{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"" + "x".repeat(5000) + "\"}");
            assertClosesWithFrameTooLarge(ws);
        }
    }

    @Test
    void aFrameFarOverMaxFrame_isFrameTooLarge_too() {
        try (WsClient ws = signedUp("huge")) {
            ws.sendText("{\"type\":\"ping\",\"t\":\"" + "x".repeat(1_000_000) + "\"}");
            assertClosesWithFrameTooLarge(ws);
        }
    }

    @Test
    void fragmentsThatAddUpToMoreThanMaxFrame_areFrameTooLarge() {
        try (WsClient ws = signedUp("pieces")) {
            ws.send(new TextWebSocketFrame(false, 0, "{\"type\":\"ping\",\"t\":\"" + "x".repeat(3000)));
            ws.send(new ContinuationWebSocketFrame(false, 0, "y".repeat(3000)));
            // the server may close as soon as the first two add up to too much
            ws.sendWithoutWaiting(new ContinuationWebSocketFrame(true, 0, "\"}"));
            assertClosesWithFrameTooLarge(ws);
        }
    }

    @Test
    void fragmentsWithinMaxFrame_areOneMessage() {
        try (WsClient ws = signedUp("分片")) {
            ws.send(new TextWebSocketFrame(false, 0, "{\"type\":\"send\",\"id\":\"f1\","));
            ws.send(new ContinuationWebSocketFrame(false, 0, "\"room\":\"lobby\",\"text\":\"你"));
            ws.send(new ContinuationWebSocketFrame(true, 0, "好\"}"));
            // the own message event and the ok may come in either order
            List<ObjectNode> both = List.of(ws.next(f -> true), ws.next(f -> true));
            assertThat(both).anySatisfy(f -> assertThat(f.path("id").asText() + f.path("type").asText())
                    .isEqualTo("f1ok"));
            assertThat(both).anySatisfy(f -> assertThat(f.path("text").asText()).isEqualTo("你好"));
        }
    }

    @Test
    void aTextFrameThatIsNotUtf8_isBadRequest_andTheConnectionStaysUsable() {
        try (WsClient ws = signedUp("bytes")) {
            ws.sendTextBytes(new byte[] {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'});
            assertThat(ws.nextError().path("code").asText()).isEqualTo("bad_request");
            assertThat(ws.request("ping", "t", 7).path("t").asInt()).isEqualTo(7);
        }
    }

    @Test
    void anEmptyTextFrame_isBadRequest_andTheConnectionStaysUsable() {
        try (WsClient ws = signedUp("empty")) {
            ws.sendText("");
            assertThat(ws.nextError().path("code").asText()).isEqualTo("bad_request");
            assertThat(ws.request("ping", "t", 8).path("t").asInt()).isEqualTo(8);
        }
    }

    @Test
    void brokenWebSocketFraming_closesWithAProtocolError_andTheServerKeepsServing() {
        try (WsClient unmasked = WsClient.connectUnmasked(server.httpPort())) {
            unmasked.next(f -> "welcome".equals(f.path("type").asText()));
            unmasked.sendText("{\"type\":\"ping\"}");
            List<ObjectNode> last = unmasked.untilClosed();
            assertThat(last).last().satisfies(f -> assertThat(f.path("status").asInt()).isEqualTo(1002));
        }
        try (WsClient next = signedUp("after")) {
            assertThat(next.request("ping", "t", 1).path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void aSilentWebSocketClient_getsByeIdleTimeout_whileAPingingOneStays(@TempDir Path otherData) {
        try (ServerFixture quick = new ServerFixture(otherData, b -> b.httpPort(0).heartbeatS(1).idleTimeoutS(2));
             WsClient silent = WsClient.connect(quick.server().httpPort());
             WsClient pinging = WsClient.connect(quick.server().httpPort())) {
            ObjectNode welcome = silent.next(f -> "welcome".equals(f.path("type").asText()));
            assertThat(welcome.path("idle_timeout_s").asInt()).isEqualTo(2);
            assertThat(welcome.path("heartbeat_s").asInt()).isEqualTo(1);
            long start = System.nanoTime();
            List<ObjectNode> last = new CopyOnWriteArrayList<>();
            Thread watcher = new Thread(() -> last.addAll(silent.untilClosed()));
            watcher.start();
            while (watcher.isAlive()) {
                assertThat(pinging.request("ping").path("type").asText()).isEqualTo("pong");
                try {
                    watcher.join(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
            assertThat(last).extracting(f -> f.path("type").asText() + " " + f.path("reason").asText())
                    .containsExactly("bye idle_timeout", "_closed ");
            assertThat(pinging.request("ping").path("type").asText()).isEqualTo("pong");
            assertThat(pinging.isOpen()).isTrue();
        }
    }

    @Test
    void webSocketTraffic_movesTheMetrics() throws Exception {
        String before = HttpIntegrationTest.scrape(server.httpPort());
        try (WsClient ws = signedUp("计量")) {
            ws.ok("send", "room", "lobby", "text", "counted");
            ws.sendText("not json");
            ws.nextError();
            for (int i = 0; i < 7; i++) {
                ws.request("send", "room", "lobby", "text", "burst " + i);
            }
            String during = HttpIntegrationTest.scrape(server.httpPort());
            assertThat(HttpIntegrationTest.value(during, "chat_connections")).isGreaterThanOrEqualTo(1);
            assertThat(HttpIntegrationTest.value(during, "chat_sessions")).isGreaterThanOrEqualTo(1);
        }
        try (WsClient big = signedUp("大块")) {
            big.sendText("{\"type\":\"ping\",\"t\":\"" + "x".repeat(10_000) + "\"}");
            big.untilClosed();
        }
        String after = HttpIntegrationTest.scrape(server.httpPort());
        for (String counter : List.of("chat_messages_in_total", "chat_messages_out_total", "chat_bytes_in_bytes_total",
                "chat_bytes_out_bytes_total", "chat_store_commit_seconds_count", "chat_requests_rate_limited_total",
                "chat_frames_rejected_total{reason=\"bad_request\"}",
                "chat_frames_rejected_total{reason=\"frame_too_large\"}")) {
            assertThat(HttpIntegrationTest.value(after, counter)).as(counter)
                    .isGreaterThan(HttpIntegrationTest.value(before, counter));
        }
    }

    @Test
    void aWebSocketReaderThatStops_isDisconnected_andTheQueueStaysBounded(@TempDir Path otherData) throws Exception {
        int maxOutbound = 64 * 1024;
        try (ServerFixture flood = new ServerFixture(otherData,
                b -> b.httpPort(0).maxOutboundBytes(maxOutbound).rate(100_000).burst(100_000));
             WsClient stalled = WsClient.connectWithSmallBuffer(flood.server().httpPort())) {
            WireClient sender = flood.user("flooder");
            sender.ok("join", "room", "busy");
            stalled.next(f -> "welcome".equals(f.path("type").asText()));
            stalled.ok("register", "user", "stalled", "password", "password-stalled");
            stalled.ok("login", "user", "stalled", "password", "password-stalled");
            stalled.ok("join", "room", "busy");
            stalled.stopReading();
            int connectionsBefore = flood.server().connectionCount();
            double slowBefore = HttpIntegrationTest.value(HttpIntegrationTest.scrape(flood.server().httpPort()),
                    "chat_slow_consumer_disconnects_total");

            String text = "x".repeat(2000);
            long maxQueued = 0;
            for (int sent = 0; flood.server().connectionCount() == connectionsBefore && sent < 20_000; sent++) {
                sender.ok("send", "room", "busy", "text", text + sent);
                maxQueued = Math.max(maxQueued, flood.server().queuedOutboundBytes());
            }
            assertThat(flood.server().connectionCount()).as("the stalled reader was disconnected")
                    .isEqualTo(connectionsBefore - 1);
            assertThat(maxQueued).isLessThan(maxOutbound + 64 * 1024L);
            assertThat(HttpIntegrationTest.value(HttpIntegrationTest.scrape(flood.server().httpPort()),
                    "chat_slow_consumer_disconnects_total")).isEqualTo(slowBefore + 1);
            assertThat(sender.request("ping").path("type").asText()).isEqualTo("pong");
        }
    }

    private static void assertClosesWithFrameTooLarge(WsClient ws) {
        List<ObjectNode> last = ws.untilClosed();
        assertThat(last).as("frames up to the close").hasSizeGreaterThanOrEqualTo(2);
        ObjectNode error = last.get(last.size() - 2);
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("code").asText()).isEqualTo("frame_too_large");
        assertThat(last.get(last.size() - 1).path("status").asInt()).as("close status").isEqualTo(1000);
        try (WsClient next = WsClient.connect(server.httpPort())) {
            next.next(f -> "welcome".equals(f.path("type").asText()));
            assertThat(next.request("ping").path("type").asText()).as("the server keeps serving").isEqualTo("pong");
        }
    }

    @Test
    void sendsOverTheRateLimit_areRateLimited_asOnTcp() {
        try (WsClient ws = signedUp("fast")) {
            List<String> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ObjectNode reply = ws.request("send", "room", "lobby", "text", "burst " + i);
                outcomes.add("ok".equals(reply.path("type").asText()) ? "ok" : reply.path("code").asText());
            }
            assertThat(outcomes).contains("rate_limited").startsWith("ok", "ok", "ok", "ok", "ok");
        }
    }

    @Test
    void aWebSocketClient_resumesWithItsToken_andSince_withoutGapOrDuplicate() {
        WireClient tcp = server.user("writer");
        tcp.ok("join", "room", "续传");
        String token;
        long seen;
        try (WsClient ws = WsClient.connect(server.httpPort())) {
            ws.next(f -> "welcome".equals(f.path("type").asText()));
            ws.ok("register", "user", "reader", "password", "password-reader");
            token = ws.ok("login", "user", "reader", "password", "password-reader").path("token").asText();
            ws.ok("join", "room", "续传");
            tcp.ok("send", "room", "续传", "text", "one");
            seen = ws.next(f -> "one".equals(f.path("text").asText())).path("seq").asLong();
        }
        tcp.ok("send", "room", "续传", "text", "two");
        tcp.ok("send", "room", "续传", "text", "three");

        try (WsClient back = WsClient.connect(server.httpPort())) {
            back.next(f -> "welcome".equals(f.path("type").asText()));
            back.ok("login", "token", token);
            back.ok("join", "room", "续传", "since", seen);
            tcp.ok("send", "room", "续传", "text", "four");
            List<String> texts = new java.util.ArrayList<>();
            while (texts.size() < 3) {
                texts.add(back.next(f -> "message".equals(f.path("type").asText())).path("text").asText());
            }
            assertThat(texts).containsExactly("two", "three", "four");
        }
    }
}

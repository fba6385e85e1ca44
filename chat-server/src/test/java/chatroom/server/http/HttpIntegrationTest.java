package chatroom.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP port: the page's files, /health, /metrics, and nothing else. */
class HttpIntegrationTest {

    @RegisterExtension
    static final ChatServerExtension server = ChatServerExtension.withConfig(b -> b.httpPort(0));
    static final HttpClient http = HttpClient.newHttpClient();

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request line sent as is (an HTTP client would normalise the path first). */
    static String raw(String requestLine) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.httpPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void thePage_andItsFiles_areServedWithTheirTypes() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).containsIgnoringCase("<!doctype html>");
        assertThat(get("/js/main.js").headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/style.css").statusCode()).isEqualTo(200);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void traversalAttempts_andOtherMethods_getNothing() throws Exception {
        assertThat(raw("GET /../../etc/passwd HTTP/1.1")).startsWith("HTTP/1.1 404");
        assertThat(raw("GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1")).startsWith("HTTP/1.1 404");
        assertThat(raw("GET /..%5c..%5cwindows HTTP/1.1")).startsWith("HTTP/1.1 404");
        assertThat(raw("GET /chatroom/server/web/index.html HTTP/1.1")).startsWith("HTTP/1.1 404");
        assertThat(raw("GET /%zz HTTP/1.1")).startsWith("HTTP/1.1 400");
        assertThat(raw("GET /ws HTTP/1.1")).as("/ws without an upgrade").startsWith("HTTP/1.1 4");
        assertThat(raw("POST / HTTP/1.1")).startsWith("HTTP/1.1 405");
        assertThat(raw("GET / HTTP/1.1")).startsWith("HTTP/1.1 200");
    }

    @Test
    void anIdlePlainHttpConnection_isClosed(@TempDir Path otherData) throws IOException {
        try (ServerFixture quick = new ServerFixture(otherData, b -> b.httpPort(0).heartbeatS(1).idleTimeoutS(2));
             Socket idle = new Socket("127.0.0.1", quick.server().httpPort())) {
            idle.setSoTimeout(10_000);
            long start = System.nanoTime();
            assertThat(idle.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            assertThat(System.nanoTime() - start).isGreaterThan(1_000_000_000L);
        }
    }

    @Test
    void health_isOk_withTheStoresState() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode json = new ObjectMapper().readTree(health.body());
        assertThat(json.path("status").asText()).isEqualTo("ok");
        assertThat(json.path("store").path("state").asText()).isEqualTo("ok");
    }

    @Test
    void metrics_moveWhenTrafficFlows() throws Exception {
        String before = get("/metrics").body();
        WireClient alice = server.user("metered");
        alice.ok("send", "room", "lobby", "text", "counted");
        alice.sendRaw(WireClient.frame("not json".getBytes(StandardCharsets.UTF_8)));
        alice.event(e -> "error".equals(e.path("type").asText()));
        String after = get("/metrics").body();

        assertThat(value(after, "chat_store_commit_seconds_count"))
                .isGreaterThan(value(before, "chat_store_commit_seconds_count"));
        assertThat(after).startsWith("# HELP").contains("chat_connections", "chat_sessions", "chat_rooms",
                "jvm_memory_used_bytes", "netty_allocator_memory_used_bytes", "chat_store_commit_seconds");
        assertThat(value(after, "chat_messages_in_total")).isGreaterThan(value(before, "chat_messages_in_total"));
        assertThat(value(after, "chat_messages_out_total")).isGreaterThan(value(before, "chat_messages_out_total"));
        assertThat(value(after, "chat_bytes_in_bytes_total")).isGreaterThan(value(before, "chat_bytes_in_bytes_total"));
        assertThat(value(after, "chat_bytes_out_bytes_total")).isGreaterThan(value(before, "chat_bytes_out_bytes_total"));
        assertThat(value(after, "chat_frames_rejected_total{reason=\"bad_request\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "chat_sessions")).isGreaterThanOrEqualTo(1);
    }

    /** The value of a sample line starting with {@code name} (labels included), 0 when absent. */
    static double value(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** The Prometheus text of the server on this HTTP port. */
    static String scrape(int httpPort) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}

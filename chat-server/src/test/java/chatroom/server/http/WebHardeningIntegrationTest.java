package chatroom.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.RawHttp;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The page cannot be framed or injected into, /ws only opens for trusted origins, /health tells no paths. */
class WebHardeningIntegrationTest {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @RegisterExtension
    static final ChatServerExtension server = ChatServerExtension.withConfig(
            b -> b.httpPort(0).allowedOrigins(Set.of("https://chat.example.com")));

    @Test
    void thePageAndItsScript_carryTheSecurityHeaders() throws IOException {
        for (String path : new String[] {"/", "/js/main.js", "/style.css"}) {
            try (RawHttp http = new RawHttp(server.httpPort())) {
                RawHttp.Response response = http.get(path);
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("Content-Security-Policy")).as(path).isEqualTo(CSP);
                assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
                assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
                assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            }
        }
    }

    @Test
    void webSocketFromAForeignOrigin_isForbidden() throws IOException {
        assertThat(handshake("Origin: http://evil.example")).isEqualTo(403);
        assertThat(handshake("Origin: null")).as("a sandboxed or file page").isEqualTo(403);
        assertThat(handshake("Origin: http://127.0.0.1:" + (server.httpPort() + 1)))
                .as("another port of the same host").isEqualTo(403);
    }

    @Test
    void webSocketFromTheServersOwnOrigin_anAllowedOne_orNoBrowser_isAccepted() throws IOException {
        assertThat(handshake("Origin: http://127.0.0.1:" + server.httpPort())).isEqualTo(101);
        assertThat(handshake("Origin: https://chat.example.com")).isEqualTo(101);
        assertThat(handshake()).as("no Origin: not a browser").isEqualTo(101);
    }

    @Test
    void health_revealsNoFileSystemPath() throws IOException {
        try (RawHttp http = new RawHttp(server.httpPort())) {
            String body = http.get("/health").body();
            assertThat(body).contains("\"status\":\"ok\"")
                    .doesNotContain(server.dataDir().toAbsolutePath().toString())
                    .doesNotContain(server.dataDir().getFileName().toString());
        }
    }

    private static int handshake(String... extraHeaders) throws IOException {
        String[] headers = new String[4 + extraHeaders.length];
        headers[0] = "Upgrade: websocket";
        headers[1] = "Connection: Upgrade";
        headers[2] = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";
        headers[3] = "Sec-WebSocket-Version: 13";
        System.arraycopy(extraHeaders, 0, headers, 4, extraHeaders.length);
        try (RawHttp http = new RawHttp(server.httpPort())) {
            return http.get("/ws", headers).status();
        }
    }
}

package chatroom.server.http;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * The headers every HTTP response carries so the page cannot be framed (clickjacking), cannot run
 * injected inline script or style, and leaks no URL to other sites. The page loads everything from
 * its own origin and opens its WebSocket there, which is all the policy allows.
 */
final class WebSecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'";

    private WebSecurityHeaders() {
    }

    static void addTo(HttpHeaders headers) {
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer")
                .set("X-Content-Type-Options", "nosniff");
    }
}

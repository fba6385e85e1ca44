package chatroom.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chatroom.server.testing.ServerFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the password hashing pool may hold is bounded at start and visible while the server runs. */
class HashMemoryIntegrationTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void metrics_showTheMostHashingMayHold_andWhatItHoldsNow(@TempDir Path data) throws Exception {
        try (ServerFixture fixture = new ServerFixture(data, b -> b.httpPort(0).hashThreads(3))) {
            String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + fixture.server().httpPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();

            assertThat(value(scrape, "chat_password_hash_memory_max_bytes"))
                    .isEqualTo(3.0 * PasswordHasher.DEFAULT_MEMORY_KIB * 1024);
            assertThat(value(scrape, "chat_password_hash_memory_bytes")).as("no hash running").isEqualTo(0.0);
        }
    }

    @Test
    void start_withAHashPoolBeyondHalfTheHeap_isRefusedWithAClearMessage(@TempDir Path data) {
        long pool = 1024L * PasswordHasher.DEFAULT_MEMORY_KIB * 1024;
        Assumptions.assumeTrue(pool > Runtime.getRuntime().maxMemory() / 2, "a test heap above 38 GiB");

        assertThatThrownBy(() -> new ServerFixture(data, b -> b.hashThreads(1024)).close())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1024 threads × 19 MiB")
                .hasMessageContaining("--hash-threads");
    }

    private static double value(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.eE+-]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}

package chatroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code logins} storms against a server whose answers make clients wait: one hashing thread
 * behind a deep queue, so {@code busy} asks for a wait longer than the server's idle timeout. A
 * client that waits out {@code retry_after_ms} must keep its connection alive meanwhile (contract
 * §3: ping every {@code heartbeat_s}); the storm counts every connection the server closed.
 */
class LoginStormSmokeTest {

    @RegisterExtension
    static final SmokeServerExtension server = new SmokeServerExtension(b -> b.registrationsPerMinute(100_000)
            .hashThreads(1).hashQueue(40).heartbeatS(1).idleTimeoutS(2));

    @TempDir
    static Path out;

    @Test
    void registrationStorm_whoseBusyWaitOutlastsTheIdleTimeout_keepsEveryConnection() throws IOException {
        Path dir = out.resolve("busy-" + System.nanoTime());
        int exit = server.runScenario("logins", dir, "--user-prefix", "wait", "--registering", "60",
                "--reconnecting", "0", "--timeout-s", "120");

        JsonNode register = ScenarioResults.read(dir, "logins-register");
        assertThat(register.at("/figures/busy_retried").asLong()).as("some had to wait").isPositive();
        assertThat(register.at("/figures/disconnects").asLong()).as("closed while waiting").isZero();
        assertThat(register.at("/figures/logged_in").asLong()).isEqualTo(60);
        assertThat(exit).as("exit code").isZero();
    }

    @Test
    void tokenStorm_overFewerAccountsThanClients_logsEveryClientIn() throws IOException {
        Path dir = out.resolve("shared-" + System.nanoTime());
        int exit = server.runScenario("logins", dir, "--user-prefix", "shared", "--registering", "0",
                "--reconnecting", "40", "--token-accounts", "4");

        assertThat(exit).as("exit code").isZero();
        JsonNode token = ScenarioResults.read(dir, "logins-token");
        assertThat(token.at("/figures/logged_in").asLong()).isEqualTo(40);
        assertThat(token.at("/parameters/token_accounts").asLong()).isEqualTo(4);
        assertThat(token.at("/figures/disconnects").asLong()).isZero();
    }

    @Test
    void tokenStorms_repeatedInOneProcess_reportTheWarmingOnesApart_andTheLastAsTheResult() throws IOException {
        Path dir = out.resolve("repeated-" + System.nanoTime());
        int exit = server.runScenario("logins", dir, "--user-prefix", "again", "--registering", "0",
                "--reconnecting", "30", "--token-accounts", "3", "--token-storms", "2");

        assertThat(exit).as("exit code").isZero();
        JsonNode warming = ScenarioResults.read(dir, "logins-warming-token");
        JsonNode last = ScenarioResults.read(dir, "logins-token");
        assertThat(warming.at("/parameters/storm").asText()).isEqualTo("1 of 2");
        assertThat(last.at("/parameters/storm").asText()).isEqualTo("2 of 2");
        assertThat(warming.at("/figures/logged_in").asLong()).isEqualTo(30);
        assertThat(last.at("/figures/logged_in").asLong()).isEqualTo(30);
        assertThat(last.at("/figures/disconnects").asLong()).isZero();
    }
}

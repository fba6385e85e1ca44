package chatroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps every scenario working: each runs for about a second with small counts against a real
 * server in this JVM and must exit 0 and write its result files with traffic in them. This is not
 * a measurement (the numbers are whatever a busy CI box gives); docs/benchmarks.md has those.
 */
class BenchSmokeTest {

    @RegisterExtension
    static final SmokeServerExtension server = new SmokeServerExtension(b -> b.registrationsPerMinute(1000)
            .rate(1_000_000).burst(1_000_000).roomOpRate(100_000).roomOpBurst(100_000));

    @TempDir
    static Path out;

    @Test
    void fanout_deliversToEveryMember() throws IOException {
        JsonNode result = run("fanout", "--clients", "20", "--senders", "2");
        assertThat(result.at("/figures/deliveries").asLong()).isPositive();
        assertThat(result.at("/deliveryLatency/count").asLong()).isPositive();
        Path json = Path.of(result.get("file").asText());
        String base = json.getFileName().toString().replace(".json", "");
        assertThat(json.resolveSibling(base + ".png")).as("latency plot").isNotEmptyFile();
        assertThat(json.resolveSibling(base + ".hgrm")).as("percentile distribution").isNotEmptyFile();
    }

    @Test
    void fanout_withTheGeneratorOnIoUring_runsOnIt_whereTheKernelAllowsIt() throws IOException {
        JsonNode result = run("fanout", "--clients", "10", "--senders", "2", "--transport", "IO_URING",
                "--user-prefix", "uring");
        assertThat(result.at("/figures/deliveries").asLong()).isPositive();
        assertThat(result.at("/parameters/transport").asText()).isEqualTo(
                chatroom.common.Transport.choose(chatroom.common.Transport.Preference.IO_URING).name());
    }

    @Test
    void fanout_pacedAtARate_sendsAtThatRate() throws IOException {
        // a window of 2 s of sends: on a loaded box an ack may take longer than the default window of
        // 16 (160 ms at this rate), and a send skipped for a full window fails the run
        JsonNode result = run("fanout", "--clients", "10", "--senders", "2", "--rate", "200", "--window", "200",
                "--user-prefix", "paced");
        // Pacing is a ceiling: unpaced, this shape sends thousands a second. A floor would measure the
        // machine (a loaded CI box acks fewer than asked), which is the benchmarks' job, not a test's.
        assertThat(result.at("/figures/acks_per_s").asDouble()).isPositive().isLessThanOrEqualTo(300.0);
    }

    @Test
    void rooms_spreadsClientsOverRooms() throws IOException {
        JsonNode result = run("rooms", "--clients", "20", "--senders", "4", "--rooms", "4");
        assertThat(result.at("/figures/deliveries").asLong()).isPositive();
    }

    @Test
    void dm_pairsExchangeDirectMessages() throws IOException {
        JsonNode result = run("dm", "--pairs", "4");
        assertThat(result.at("/figures/deliveries").asLong()).isPositive();
    }

    @Test
    void durable_everyAcknowledgedSendIsStored() throws IOException {
        JsonNode result = run("durable", "--senders", "4", "--window", "8");
        assertThat(result.at("/figures/acks").asLong()).isPositive();
        assertThat(result.at("/figures/stored_whole_run").asLong())
                .isEqualTo(result.at("/figures/acked_whole_run").asLong());
    }

    @Test
    void connections_opensThemFromAWorkerProcess_andReadsServerMemory() throws IOException {
        JsonNode result = run("connections", "--connections", "50", "--processes", "1", "--users", "2",
                "--server-pid", Long.toString(ProcessHandle.current().pid()), "--user-prefix", "idle");
        assertThat(result.at("/figures/opened").asLong()).isEqualTo(50);
        assertThat(result.at("/figures/heap_after_bytes").asLong()).isPositive();
        assertThat(result.at("/figures/rss_before_bytes").asLong()).as("VmRSS before").isPositive();
        assertThat(result.at("/figures/rss_after_bytes").asLong()).as("VmRSS after")
                .isGreaterThanOrEqualTo(result.at("/figures/heap_committed_after_bytes").asLong() / 2).isPositive();
    }

    @Test
    void logins_aRegistrationStormAndATokenStorm_allLogIn_withoutADisconnect() throws IOException {
        Path dir = out.resolve("logins-" + System.nanoTime());
        int exit = server.runScenario("logins", dir, "--user-prefix", "storm", "--registering", "20",
                "--reconnecting", "30");
        assertThat(exit).as("exit code").isZero();
        JsonNode register = ScenarioResults.read(dir, "logins-register");
        assertThat(register.at("/figures/logged_in").asLong()).isEqualTo(20);
        assertThat(register.at("/figures/disconnects").asLong()).isZero();
        assertThat(register.at("/ackLatency/count").asLong()).as("one latency per client").isEqualTo(20);
        JsonNode token = ScenarioResults.read(dir, "logins-token");
        assertThat(token.at("/figures/logged_in").asLong()).isEqualTo(30);
        assertThat(token.at("/figures/disconnects").asLong()).isZero();
        assertThat(token.at("/figures/seconds_to_all_logged_in").asDouble()).isPositive();
    }

    @Test
    void historyQueries_seedsAStore_thenTimesConversationsAndSearches() throws IOException {
        Path dir = out.resolve("history-" + System.nanoTime());
        int exit = server.runScenario("history-queries", dir, "--user-prefix", "hist", "--messages", "300",
                "--rooms", "6", "--dm-peers", "3", "--senders", "2", "--requests", "20");
        assertThat(exit).as("exit code").isZero();
        JsonNode conversations = ScenarioResults.read(dir, "history-conversations");
        assertThat(conversations.at("/figures/requests").asLong()).isEqualTo(20);
        assertThat(conversations.at("/figures/items_last_reply").asLong()).as("6 rooms + lobby + 3 direct").isEqualTo(10);
        assertThat(conversations.at("/ackLatency/count").asLong()).isEqualTo(20);
        assertThat(ScenarioResults.read(dir, "history-search-cjk2")
                .at("/figures/items_last_reply").asLong()).as("复习 hits").isPositive();
        assertThat(ScenarioResults.read(dir, "history-search-cjk")
                .at("/figures/items_last_reply").asLong()).as("期末复习").isPositive();
        assertThat(ScenarioResults.read(dir, "history-search-latin")
                .at("/figures/items_last_reply").asLong()).as("netty").isPositive();
        assertThat(ScenarioResults.read(dir, "history-search-none")
                .at("/figures/items_last_reply").asLong()).isZero();
        assertThat(conversations.at("/figures/seeded_messages").asLong()).isEqualTo(300);
    }

    /** Runs one scenario for about a second and returns its JSON result. */
    private static JsonNode run(String scenario, String... options) throws IOException {
        Path dir = out.resolve(scenario + "-" + System.nanoTime());
        List<String> args = new ArrayList<>();
        if (!scenario.equals("connections")) {
            args.addAll(List.of("--warmup-s", "0.5", "--duration-s", "1"));
        }
        args.addAll(List.of(options));
        int exit = server.runScenario(scenario, dir, args.toArray(String[]::new));
        assertThat(exit).as("exit code of %s %s", scenario, args).isZero();
        assertThat(dir.resolve("results.csv")).exists();
        return ScenarioResults.read(dir, scenario).put("file", ScenarioResults.file(dir, scenario).toString());
    }
}

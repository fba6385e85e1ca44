package chatroom.bench.scenario;

import chatroom.bench.client.Accounts;
import chatroom.bench.client.BenchConnection;
import chatroom.bench.client.Fleet;
import chatroom.bench.client.TokenCache;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code durable}: acknowledged sends per second through the real store. Each sender has a room of
 * its own (so fan-out costs nothing) and keeps a window of sends in flight. Afterwards the rooms'
 * latest seqs are read back: every {@code ok} must stand for a stored message.
 */
@Command(name = "durable", mixinStandardHelpOptions = true,
        description = "Acknowledged (durably stored) sends per second; checks every ok against the rooms' seqs.")
public final class DurableScenario implements Callable<Integer> {

    @Mixin
    LoadOptions load;

    @Option(names = "--senders", defaultValue = "32", description = "Sending connections (default: ${DEFAULT-VALUE}).")
    int senders;

    @Option(names = "--window", defaultValue = "64",
            description = "Sends in flight per sender (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--text-bytes", defaultValue = "64", description = "Message text length (default: ${DEFAULT-VALUE}).")
    int textBytes;

    @Override
    public Integer call() throws Exception {
        ScenarioRun run = new ScenarioRun(load, "durable");
        Measurement measurement = new Measurement();
        Accounts accounts = new Accounts(load.password, TokenCache.load(load.tokenCacheFile()));
        try (Fleet fleet = new Fleet(load.threads, load.transport())) {
            List<BenchConnection> connections = Setup.connectAndLogIn(fleet, load::server,
                    new SourceAddresses(0, load.sourceAddresses), accounts, senders, load::userName, 16);
            List<String> rooms = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                rooms.add(load.userPrefix + "-durable-" + i);
            }
            long before = latestSeqs(connections, rooms);
            List<SendDriver> drivers = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                connections.get(i).listener(measurement);
                drivers.add(new SendDriver(connections.get(i), measurement, "\"room\":\"" + rooms.get(i) + "\",",
                        textBytes, window, 0));
            }
            Measurement.Window measured = run.drive(drivers, measurement,
                    () -> connections.stream().allMatch(c -> c.outstanding() == 0));
            measurement.finish();
            long stored = latestSeqs(connections, rooms) - before;
            long acked = measurement.allAcks();

            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("senders", senders);
            parameters.put("window", window);
            parameters.put("text_bytes", textBytes);
            parameters.put("threads", load.threads);
            parameters.put("epoll", fleet.epoll());
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("seconds", measured.seconds());
            figures.put("acks", measured.acks());
            figures.put("acks_per_s", measured.acks() / measured.seconds());
            figures.put("acked_whole_run", acked);
            figures.put("stored_whole_run", stored);
            Map<String, Long> errors = measurement.errors();
            if (stored != acked) {
                errors.put("acknowledged but not stored", acked - stored);
            }
            return run.finish(parameters, figures, null, measured.ackLatency(), errors);
        }
    }

    /** Joins every sender's room and sums the rooms' latest seqs. */
    private static long latestSeqs(List<BenchConnection> connections, List<String> rooms) throws InterruptedException {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < rooms.size(); i++) {
            indexes.add(i);
        }
        List<JsonNode> replies = Setup.forAll(indexes,
                i -> Accounts.expectOk(connections.get(i).request("join", "room", rooms.get(i)), "join"));
        return replies.stream().mapToLong(reply -> reply.path("seq").asLong()).sum();
    }
}

package chatroom.bench.scenario;

import chatroom.bench.client.Accounts;
import chatroom.bench.client.BenchConnection;
import chatroom.bench.client.Fleet;
import chatroom.bench.client.TokenCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dm}: pairs of users exchanging direct messages, both sides sending. Each message reaches
 * both parties' sessions, so every send makes two deliveries.
 */
@Command(name = "dm", mixinStandardHelpOptions = true,
        description = "Pairs of users exchanging direct messages; reports deliveries per second and latency.")
public final class DmScenario implements Callable<Integer> {

    @Mixin
    LoadOptions load;

    @Option(names = "--pairs", defaultValue = "100", description = "Pairs of users (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--rate", defaultValue = "0",
            description = "Total sends per second; 0 = as fast as acknowledgements allow (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--window", defaultValue = "4",
            description = "Sends in flight per user before waiting for an ok (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--text-bytes", defaultValue = "64", description = "Message text length (default: ${DEFAULT-VALUE}).")
    int textBytes;

    @Override
    public Integer call() throws Exception {
        ScenarioRun run = new ScenarioRun(load, "dm");
        Measurement measurement = new Measurement();
        Accounts accounts = new Accounts(load.password, TokenCache.load(load.tokenCacheFile()));
        int clients = 2 * pairs;
        try (Fleet fleet = new Fleet(load.threads, load.transport())) {
            System.out.printf("dm: connecting %d clients%n", clients);
            List<BenchConnection> connections = Setup.connectAndLogIn(fleet, load::server,
                    new SourceAddresses(0, load.sourceAddresses), accounts, clients, load::userName, 16);
            List<SendDriver> drivers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String partner = load.userName(i ^ 1);
                drivers.add(new SendDriver(connections.get(i), measurement, "\"to\":\"" + partner + "\",", textBytes,
                        window, rate / clients));
            }
            Measurement.Window window = run.drive(drivers, measurement,
                    () -> connections.stream().allMatch(c -> c.outstanding() == 0));
            measurement.finish();

            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("pairs", pairs);
            parameters.put("rate", rate);
            parameters.put("window", this.window);
            parameters.put("text_bytes", textBytes);
            parameters.put("threads", load.threads);
            parameters.put("epoll", fleet.epoll());
            return run.finishSends(parameters, measurement, window, drivers);
        }
    }
}

package chatroom.bench.scenario;

import chatroom.bench.client.Accounts;
import chatroom.bench.client.BenchConnection;
import chatroom.bench.client.Fleet;
import chatroom.bench.client.TokenCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Clients spread over rooms, some of them sending: the shared body of {@code fanout} (one room) and
 * {@code rooms}. Client {@code i} is a member of room {@code i % rooms}; senders are clients
 * {@code 0..senders-1}, so they spread over the rooms too. Every message reaches every online
 * member of its room, the sender's own sessions included, and each receipt counts as a delivery.
 */
final class RoomLoad {

    static final class Options {
        @Option(names = "--clients", defaultValue = "1000", description = "Connected users (default: ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--senders", defaultValue = "10", description = "How many of them send (default: ${DEFAULT-VALUE}).")
        int senders;

        @Option(names = "--rate", defaultValue = "0",
                description = "Total sends per second over all senders; 0 = as fast as acknowledgements allow "
                        + "(default: ${DEFAULT-VALUE}). Deliveries per second = rate x members per room.")
        double rate;

        @Option(names = "--window", defaultValue = "16",
                description = "Sends in flight per sender before waiting for an ok (default: ${DEFAULT-VALUE}).")
        int window;

        @Option(names = "--text-bytes", defaultValue = "64", description = "Message text length (default: ${DEFAULT-VALUE}).")
        int textBytes;
    }

    private RoomLoad() {
    }

    static List<String> roomNames(String scenario, LoadOptions load, int rooms) {
        List<String> roomNames = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            roomNames.add(load.userPrefix + "-" + scenario + rooms + "-" + r);
        }
        return roomNames;
    }

    static int run(String scenario, LoadOptions load, Options o, IrcTargetOptions server, int rooms) throws Exception {
        if (o.senders > o.clients || rooms > o.clients || rooms < 1) {
            throw new IllegalArgumentException("need 1 <= rooms <= clients and senders <= clients");
        }
        if (server.irc()) {
            return IrcRoomLoad.run(scenario, load, o, server, rooms);
        }
        ScenarioRun run = new ScenarioRun(load, scenario);
        Measurement measurement = new Measurement();
        Accounts accounts = new Accounts(load.password, TokenCache.load(load.tokenCacheFile()));
        try (Fleet fleet = new Fleet(load.threads, load.transport())) {
            System.out.printf("%s: connecting %d clients%n", scenario, o.clients);
            List<BenchConnection> clients = Setup.connectAndLogIn(fleet, load::server,
                    new SourceAddresses(0, load.sourceAddresses), accounts, o.clients, load::userName, 16);
            List<String> roomNames = roomNames(scenario, load, rooms);
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                indexes.add(i);
            }
            Setup.forAll(indexes, i -> Accounts.expectOk(
                    clients.get(i).request("join", "room", roomNames.get(i % rooms)), "join"));
            clients.forEach(c -> c.listener(measurement));
            List<SendDriver> drivers = new ArrayList<>();
            for (int s = 0; s < o.senders; s++) {
                String target = "\"room\":\"" + roomNames.get(s % rooms) + "\",";
                drivers.add(new SendDriver(clients.get(s), measurement, target, o.textBytes, o.window,
                        o.rate / o.senders));
            }
            Measurement.Window window = run.drive(drivers, measurement,
                    () -> clients.subList(0, o.senders).stream().allMatch(c -> c.outstanding() == 0));
            measurement.finish();

            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("clients", o.clients);
            parameters.put("senders", o.senders);
            parameters.put("rooms", rooms);
            parameters.put("rate", o.rate);
            parameters.put("window", o.window);
            parameters.put("text_bytes", o.textBytes);
            parameters.put("threads", load.threads);
            parameters.put("epoll", fleet.epoll());
            parameters.put("transport", fleet.transport());
            return run.finishSends(parameters, measurement, window, drivers);
        }
    }
}

package chatroom.bench.scenario;

import chatroom.bench.client.Accounts;
import chatroom.bench.client.BenchConnection;
import chatroom.bench.client.Fleet;
import chatroom.bench.client.TokenCache;
import chatroom.bench.irc.IrcBenchConnection;
import chatroom.bench.irc.IrcFleet;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/**
 * {@link RoomLoad} over IRC: the same clients, rooms (as {@code #channels}), senders, payload and
 * latency measurement, with NICK/USER/JOIN/PRIVMSG, so ngircd and the chat server's IRC port are
 * measured by the same tool. Against the chat server the accounts are logged in once over its JSON
 * port ({@code --account-port}) and each IRC connection registers with {@code PASS <token>} (a
 * token login: no password hash per connection).
 */
final class IrcRoomLoad {

    private IrcRoomLoad() {
    }

    static int run(String scenario, LoadOptions load, RoomLoad.Options o, IrcTargetOptions target, int rooms)
            throws Exception {
        return target.against(load, (servers, server) -> run(scenario, load, o, target.accountPort, rooms, servers,
                server));
    }

    private static int run(String scenario, LoadOptions load, RoomLoad.Options o, int accountPort, int rooms,
                           IntFunction<InetSocketAddress> servers, String server) throws Exception {
        ScenarioRun run = new ScenarioRun(load, scenario);
        Measurement measurement = new Measurement();
        SourceAddresses sources = new SourceAddresses(0, load.sourceAddresses);
        IntFunction<String> passes = tokens(load, accountPort, o.clients, load::userName, sources);
        try (IrcFleet fleet = new IrcFleet(load.threads, load.transport())) {
            System.out.printf("%s: connecting %d IRC clients to %s%n", scenario, o.clients, server);
            List<CompletableFuture<IrcBenchConnection>> futures = new ArrayList<>(o.clients);
            Semaphore permits = new Semaphore(64);
            for (int i = 0; i < o.clients; i++) {
                permits.acquire();
                CompletableFuture<IrcBenchConnection> connection = fleet.connect(servers.apply(i),
                        sources.forIndex(i), load.userName(i), passes.apply(i));
                connection.whenComplete((c, error) -> permits.release());
                futures.add(connection);
            }
            List<IrcBenchConnection> clients = Setup.awaitAll(futures, 600);
            List<String> channels = RoomLoad.roomNames(scenario, load, rooms).stream().map(r -> "#" + r).toList();
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                indexes.add(i);
            }
            Setup.forAll(indexes, i -> clients.get(i).join(channels.get(i % rooms)));
            clients.forEach(c -> c.listener(measurement));
            List<SendDriver> drivers = new ArrayList<>();
            for (int s = 0; s < o.senders; s++) {
                drivers.add(new SendDriver(clients.get(s), measurement, channels.get(s % rooms), o.textBytes,
                        o.window, o.rate / o.senders));
            }
            Measurement.Window window = run.drive(drivers, measurement,
                    () -> clients.subList(0, o.senders).stream().allMatch(c -> c.outstanding() == 0));
            measurement.finish();
            clients.forEach(IrcBenchConnection::close);

            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("protocol", "irc");
            parameters.put("irc_server", server);
            parameters.put("clients", o.clients);
            parameters.put("senders", o.senders);
            parameters.put("rooms", rooms);
            parameters.put("rate", o.rate);
            parameters.put("window", o.window);
            parameters.put("text_bytes", o.textBytes);
            parameters.put("threads", load.threads);
            parameters.put("transport", fleet.transport());
            return run.finishSends(parameters, measurement, window, drivers);
        }
    }

    /**
     * PASS of client i: a login token of account {@code user(i)} from the chat server's JSON port
     * (each of the {@code count} accounts made or logged in there once), or none when the port is 0.
     */
    static IntFunction<String> tokens(LoadOptions load, int accountPort, int count, IntFunction<String> user,
                                      SourceAddresses sources) throws InterruptedException {
        if (accountPort <= 0) {
            return i -> null;
        }
        Accounts accounts = new Accounts(load.password, TokenCache.load(load.tokenCacheFile()));
        try (Fleet json = new Fleet(load.threads, load.transport())) {
            System.out.printf("logging %d accounts in over the JSON port %d for their tokens%n", count, accountPort);
            Setup.connectAndLogIn(json, new InetSocketAddress(load.host, accountPort), sources, accounts, count,
                    user, 64).forEach(BenchConnection::close);
        }
        return i -> accounts.tokens().get(user.apply(i));
    }
}

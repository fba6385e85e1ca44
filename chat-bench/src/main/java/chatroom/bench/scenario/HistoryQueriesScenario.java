package chatroom.bench.scenario;

import chatroom.bench.client.Accounts;
import chatroom.bench.client.BenchConnection;
import chatroom.bench.client.Fleet;
import chatroom.bench.client.TokenCache;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code history-queries}: seeds a store of many messages over thousands of conversations of one
 * reader (protocol §10), then times that reader's {@code conversations} and {@code search}
 * requests. Each query kind is written as a result of its own ({@code history-conversations},
 * {@code history-search-cjk2}, ...), its latency being request → ok.
 */
@Command(name = "history-queries", mixinStandardHelpOptions = true,
        description = "Seeds a large store (rooms and direct conversations of one reader), then times "
                + "'conversations' and 'search' from that reader.")
public final class HistoryQueriesScenario implements Callable<Integer> {

    @Mixin
    LoadOptions load;

    @Option(names = "--messages", defaultValue = "1000000",
            description = "Messages to seed (default: ${DEFAULT-VALUE}).")
    long messages;

    @Option(names = "--rooms", defaultValue = "2000",
            description = "Rooms the reader is a member of (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--dm-peers", defaultValue = "1000",
            description = "Users the reader has a direct conversation with (default: ${DEFAULT-VALUE}).")
    int dmPeers;

    @Option(names = "--senders", defaultValue = "8",
            description = "Connections sending the room messages (default: ${DEFAULT-VALUE}).")
    int senders;

    @Option(names = "--window", defaultValue = "64",
            description = "Seeding sends in flight per connection (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--seed", arity = "1", defaultValue = "true",
            description = "Seed the store first; false reuses what an earlier run stored (default: ${DEFAULT-VALUE}).")
    boolean seed;

    @Option(names = "--requests", defaultValue = "1000",
            description = "Timed requests of each kind (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--warmup-requests", defaultValue = "-1",
            description = "Untimed requests of each kind first; -1 = a tenth of --requests (default: ${DEFAULT-VALUE}).")
    int warmupRequests;

    @Option(names = "--conversations-limit", defaultValue = "100",
            description = "The 'limit' of each conversations request (default: ${DEFAULT-VALUE}).")
    int conversationsLimit;

    @Option(names = "--cjk2-query", defaultValue = "复习",
            description = "A two-character CJK search, below the trigram length (default: ${DEFAULT-VALUE}).")
    String cjk2Query;

    @Option(names = "--cjk-query", defaultValue = "期末复习",
            description = "A CJK search of three or more characters (default: ${DEFAULT-VALUE}).")
    String cjkQuery;

    @Option(names = "--latin-query", defaultValue = "netty",
            description = "A Latin-word search (default: ${DEFAULT-VALUE}).")
    String latinQuery;

    @Option(names = "--missing-query", defaultValue = "zebra-考试",
            description = "A search that finds nothing (default: ${DEFAULT-VALUE}).")
    String missingQuery;

    /** Seconds the peers' registration took (Argon2), kept apart from the seeding of messages. */
    private double registerSeconds;

    @Override
    public Integer call() throws Exception {
        Accounts accounts = new Accounts(load.password, TokenCache.load(load.tokenCacheFile()));
        try (Fleet fleet = new Fleet(load.threads, load.transport())) {
            StoreSeeder seeder = new StoreSeeder(load, fleet, accounts);
            long registering = System.nanoTime();
            if (seed) {
                seeder.registerPeers(dmPeers);
            }
            registerSeconds = (System.nanoTime() - registering) / 1e9;
            List<BenchConnection> connections = Setup.connectAndLogIn(fleet, load::server,
                    new SourceAddresses(0, load.sourceAddresses), accounts, 1 + (seed ? senders : 0),
                    load::userName, 16);
            BenchConnection reader = connections.get(0);
            StoreSeeder.Seeded seeded = new StoreSeeder.Seeded(0, 0, SeedLane.newErrorCounts());
            if (seed) {
                List<BenchConnection> senderConnections = connections.subList(1, connections.size());
                try (KeepAlive pings = new KeepAlive(connections, 20)) {
                    seeded = seeder.seed(reader, senderConnections, rooms, dmPeers, messages, window);
                }
                senderConnections.forEach(BenchConnection::close);
            }

            int warmup = warmupRequests >= 0 ? warmupRequests : requests / 10;
            QueryTimer timer = new QueryTimer(reader);
            int exit = 0;
            exit |= report("conversations", seeded, timer.time(warmup, requests, "conversations",
                    "conversations", "limit", conversationsLimit), "limit " + conversationsLimit);
            exit |= report("search-cjk2", seeded, timer.time(warmup, requests, "hits", "search", "q", cjk2Query),
                    cjk2Query);
            exit |= report("search-cjk", seeded, timer.time(warmup, requests, "hits", "search", "q", cjkQuery),
                    cjkQuery);
            exit |= report("search-latin", seeded, timer.time(warmup, requests, "hits", "search", "q", latinQuery),
                    latinQuery);
            exit |= report("search-none", seeded, timer.time(warmup, requests, "hits", "search", "q", missingQuery),
                    missingQuery);
            return exit;
        }
    }

    /** Writes one query kind's result; the seeding figures and errors go with every one. */
    private int report(String kind, StoreSeeder.Seeded seeded, QueryTimer.Timing timing, String query)
            throws java.io.IOException {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("query", query);
        parameters.put("messages", messages);
        parameters.put("rooms", rooms);
        parameters.put("dm_peers", dmPeers);
        parameters.put("seed", seed);
        parameters.put("senders", senders);
        parameters.put("window", window);
        parameters.put("requests", requests);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("seeded_messages", seeded.messages());
        figures.put("peer_registration_seconds", registerSeconds);
        figures.put("seeding_seconds", seeded.seconds());
        figures.put("seconds", timing.seconds());
        figures.put("requests", timing.requests());
        figures.put("requests_per_s", timing.requests() / timing.seconds());
        figures.put("items_last_reply", timing.items());
        Map<String, Long> errors = new java.util.TreeMap<>(timing.errors());
        seeded.errors().forEach((code, count) -> errors.put(code, count.sum()));
        return new ScenarioRun(load, "history-" + kind).finish(parameters, figures, null, timing.micros(), errors);
    }
}

package chatroom.bench.scenario;

import chatroom.bench.client.Accounts;
import chatroom.bench.client.BenchConnection;
import chatroom.bench.client.Fleet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fills a server, through the wire protocol only, with a store shaped like a heavy reader's: the
 * reader is a member of {@code rooms} rooms and has a direct conversation with each of
 * {@code peers} users, and {@code messages} messages are spread evenly over those conversations.
 * Room messages come from the sender connections (each owns the rooms {@code r % senders}); direct
 * messages come from the reader itself, so the peers only have to exist.
 */
final class StoreSeeder {

    /** What seeding did. */
    record Seeded(long messages, double seconds, Map<String, LongAdder> errors) {
    }

    private final LoadOptions load;
    private final Fleet fleet;
    private final Accounts accounts;

    StoreSeeder(LoadOptions load, Fleet fleet, Accounts accounts) {
        this.load = load;
        this.fleet = fleet;
        this.accounts = accounts;
    }

    static String roomName(LoadOptions load, int index) {
        return load.userPrefix + "-room-" + index;
    }

    static String peerName(LoadOptions load, int index) {
        return load.userPrefix + "-peer-" + index;
    }

    /**
     * Joins the reader and the senders to the rooms and sends the messages; the peers must have
     * been registered first ({@link #registerPeers}: minutes of Argon2 for a thousand of them).
     *
     * @param reader the reader's connection; {@code senders} the room senders' connections
     */
    Seeded seed(BenchConnection reader, List<BenchConnection> senders, int rooms, int peers, long messages,
                int window) throws InterruptedException {
        long started = System.nanoTime();
        List<String> roomNames = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            roomNames.add(roomName(load, r));
        }
        System.out.printf("seed: joining the reader and %d senders to %d rooms%n", senders.size(), rooms);
        join(reader, roomNames);
        List<List<String>> owned = new ArrayList<>();
        for (int s = 0; s < senders.size(); s++) {
            List<String> mine = new ArrayList<>();
            for (int r = s; r < rooms; r += senders.size()) {
                mine.add(roomNames.get(r));
            }
            owned.add(mine);
            join(senders.get(s), mine);
        }
        List<String> peerNames = new ArrayList<>();
        for (int p = 0; p < peers; p++) {
            peerNames.add(peerName(load, p));
        }

        long roomMessages = rooms + peers == 0 ? 0 : messages * rooms / (rooms + peers);
        LongAdder stored = new LongAdder();
        Map<String, LongAdder> errors = SeedLane.newErrorCounts();
        List<SeedLane> lanes = new ArrayList<>();
        long next = 0;
        for (int s = 0; s < senders.size(); s++) {
            long share = roomMessages * owned.get(s).size() / Math.max(1, rooms);
            if (s == senders.size() - 1) {
                share = roomMessages - next;
            }
            lanes.add(new SeedLane(senders.get(s), "room", owned.get(s), share, window, next, stored, errors));
            next += share;
        }
        lanes.add(new SeedLane(reader, "to", peerNames, messages - roomMessages, window, next, stored, errors));

        System.out.printf("seed: sending %,d messages (%,d to rooms, %,d direct)%n", messages, roomMessages,
                messages - roomMessages);
        long sendStart = System.nanoTime();
        List<CompletableFuture<Void>> running = lanes.stream().map(SeedLane::start).toList();
        CompletableFuture<Void> all = CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
        while (true) {
            try {
                all.get(10, TimeUnit.SECONDS);
                break;
            } catch (TimeoutException progress) {
                double s = (System.nanoTime() - sendStart) / 1e9;
                System.out.printf("seed: %,d messages stored in %.0f s (%,.0f/s)%n", stored.sum(), s, stored.sum() / s);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("seeding failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
        System.out.printf("seed: %,d messages stored, %.1f s in all, %,.0f sends/s%n", stored.sum(), seconds,
                stored.sum() / sendSeconds);
        return new Seeded(stored.sum(), seconds, errors);
    }

    /** Registers (and logs in once, caching the token) every peer, then closes their connections. */
    void registerPeers(int peers) throws InterruptedException {
        if (peers == 0) {
            return;
        }
        System.out.printf("seed: registering %d direct-message peers%n", peers);
        List<BenchConnection> connections = Setup.connectAndLogIn(fleet, load::server,
                new SourceAddresses(0, load.sourceAddresses), accounts, peers, i -> peerName(load, i), 16);
        connections.forEach(BenchConnection::close);
    }

    private static void join(BenchConnection connection, List<String> rooms) throws InterruptedException {
        Setup.forAll(rooms, room -> Accounts.expectOk(connection.request("join", "room", room), "join " + room));
    }
}

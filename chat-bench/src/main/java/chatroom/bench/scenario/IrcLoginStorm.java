package chatroom.bench.scenario;

import chatroom.bench.client.BenchClock;
import chatroom.bench.client.DeliveryListener;
import chatroom.bench.client.TimedSender;
import chatroom.bench.irc.IrcBenchConnection;
import chatroom.bench.irc.IrcFleet;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import org.HdrHistogram.Recorder;

/**
 * {@link LoginStorm} over IRC, so a C IRC server meets the same restart: {@code count} clients
 * connect at once (at most {@code connectsInFlight} TCP handshakes at a time), register
 * ({@code PASS}, {@code NICK}, {@code USER}) and join one channel; a client is in at the end of the
 * channel's names list ({@code 366}). Everyone in one channel is the IRC twin of every account in
 * {@code lobby}: each JOIN goes to every member already there, as each {@code presence online} does.
 */
final class IrcLoginStorm {

    private static final long MAX_MICROS = 3_600_000_000L;

    private final IrcFleet fleet;
    private final IntFunction<InetSocketAddress> servers;
    private final SourceAddresses sources;
    private final Recorder perClient = new Recorder(MAX_MICROS, 3);
    private final LongAdder disconnects = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    IrcLoginStorm(IrcFleet fleet, IntFunction<InetSocketAddress> servers, SourceAddresses sources) {
        this.fleet = fleet;
        this.servers = servers;
        this.sources = sources;
    }

    /**
     * Runs the storm and closes its connections afterwards.
     *
     * @param nicks the nick of client i
     * @param passes the {@code PASS} of client i, or null for none
     */
    LoginStorm.Outcome run(int count, int connectsInFlight, IntFunction<String> nicks, IntFunction<String> passes,
                           String channel, long timeoutS) throws InterruptedException {
        List<CompletableFuture<IrcBenchConnection>> clients = new ArrayList<>(count);
        Semaphore handshakes = new Semaphore(connectsInFlight);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            handshakes.acquire();
            long began = BenchClock.nanos();
            CompletableFuture<IrcBenchConnection> in = fleet.connect(servers.apply(i), sources.forIndex(i),
                    nicks.apply(i), passes.apply(i), handshakes::release).thenCompose(c -> {
                        c.listener(new DeliveryListener() {
                            @Override
                            public void closed(TimedSender connection, String reason) {
                                if (running) {
                                    disconnects.increment();
                                    error("closed: " + reason);
                                }
                            }
                        });
                        return c.join(channel).thenApply(joined -> {
                            perClient.recordValue(Math.min(MAX_MICROS, (BenchClock.nanos() - began) / 1000));
                            return c;
                        });
                    });
            clients.add(in.exceptionally(error -> {
                error(String.valueOf(LoginStorm.rootCause(error).getMessage()).replaceAll("^\\S+: ", ""));
                return null;
            }));
        }
        try {
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(timeoutS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            error("not in " + channel + " within " + timeoutS + " s");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        running = false;
        int in = 0;
        for (CompletableFuture<IrcBenchConnection> client : clients) {
            IrcBenchConnection c = client.getNow(null);
            if (c != null) {
                in++;
                c.close();
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((what, n) -> counts.put(what, n.sum()));
        if (in < count) {
            counts.merge("not logged in", (long) (count - in), Long::sum);
        }
        return new LoginStorm.Outcome(count, in, seconds, perClient.getIntervalHistogram(), 0, 0,
                disconnects.sum(), counts);
    }

    private void error(String what) {
        errors.computeIfAbsent(what, k -> new LongAdder()).increment();
    }
}

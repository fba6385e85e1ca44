package chatroom.bench.scenario;

import chatroom.bench.client.BenchConnection;
import chatroom.bench.client.Fleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One process of the {@code connections} scenario: opens its share of token-authenticated idle
 * connections (a process may hold at most about 20,000 sockets here), reports on stdout, pings on
 * the heartbeat so the server does not close them, and closes them when stdin ends.
 */
@Command(name = "connections-worker", hidden = true)
public final class ConnectionsWorker implements Callable<Integer> {

    static final String READY = "ready";

    @Option(names = "--host", required = true)
    String host;

    @Option(names = "--port", required = true)
    int port;

    @Option(names = "--count", required = true)
    int count;

    @Option(names = "--worker", required = true, description = "Index of this process: picks its source addresses.")
    int worker;

    @Option(names = "--tokens", required = true, description = "File with one login token per line.")
    Path tokens;

    @Option(names = "--per-address", defaultValue = "500")
    int perAddress;

    @Option(names = "--heartbeat-s", defaultValue = "30")
    int heartbeatS;

    @Option(names = "--no-epoll")
    boolean noEpoll;

    @Override
    public Integer call() throws Exception {
        List<String> tokenList = Files.readAllLines(tokens).stream().filter(line -> !line.isBlank()).toList();
        SourceAddresses sources = new SourceAddresses(10 + worker, (count + perAddress - 1) / perAddress + 1);
        ConcurrentLinkedQueue<BenchConnection> open = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        Semaphore inFlight = new Semaphore(256);
        long start = System.nanoTime();
        try (Fleet fleet = new Fleet(1, !noEpoll)) {
            CompletableFuture<?>[] all = new CompletableFuture<?>[count];
            for (int i = 0; i < count; i++) {
                inFlight.acquire();
                String token = tokenList.get(i % tokenList.size());
                all[i] = fleet.connect(new java.net.InetSocketAddress(host, port), sources.forIndex(i))
                        .thenCompose(c -> c.request("login", "token", token).thenApply(reply -> {
                            if (!"ok".equals(reply.path("type").asText())) {
                                c.close();
                                throw new IllegalStateException("login refused: " + reply);
                            }
                            return c;
                        }))
                        .whenComplete((c, error) -> {
                            inFlight.release();
                            if (error != null) {
                                if (failed.getAndIncrement() == 0) {
                                    System.out.println("error " + error.getMessage());
                                }
                            } else {
                                open.add(c);
                            }
                        });
            }
            CompletableFuture.allOf(all).handle((v, e) -> null).get(600, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s %d %d %.3f%n", READY, open.size(), failed.get(), seconds);
            System.out.flush();
            var pinger = fleet.group().next().scheduleAtFixedRate(
                    () -> open.forEach(c -> c.request("ping")), heartbeatS, heartbeatS, TimeUnit.SECONDS);
            waitForEndOfInput();
            pinger.cancel(false);
            open.forEach(BenchConnection::close);
        }
        return 0;
    }

    private static void waitForEndOfInput() throws IOException {
        while (System.in.read() != -1) {
            // the orchestrator closes our stdin when the measurement is done
        }
    }
}

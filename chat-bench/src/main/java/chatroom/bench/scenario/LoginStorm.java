package chatroom.bench.scenario;

import chatroom.bench.client.Accounts;
import chatroom.bench.client.BenchClock;
import chatroom.bench.client.BenchConnection;
import chatroom.bench.client.Fleet;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * One storm of the {@code logins} scenario: {@code count} clients connect at once (at most
 * {@code connectsInFlight} TCP handshakes at a time) and each sends one request that logs it in
 * ({@code register {login: true}} or {@code login {token}}). A {@code busy} or {@code rate_limited}
 * answer with {@code retry_after_ms} is counted and sent again after that time plus jitter, as
 * contract §9 asks of every client, pinging meanwhile as §3 asks of an otherwise silent client. Measures, per client, the time from starting its connect to its
 * {@code ok}, the time until all are in, and every connection the server closed meanwhile (the
 * target is none).
 */
final class LoginStorm {

    /** Enough for thousands of registrations behind a per-address limit of 5 a minute. */
    private static final int MAX_RETRIES = 10_000;

    private final Fleet fleet;
    private final IntFunction<InetSocketAddress> servers;
    private final SourceAddresses sources;
    private final StormTally tally = new StormTally();

    LoginStorm(Fleet fleet, IntFunction<InetSocketAddress> servers, SourceAddresses sources) {
        this.fleet = fleet;
        this.servers = servers;
        this.sources = sources;
    }

    /** What one storm saw. */
    record Outcome(int clients, int loggedIn, double seconds, Histogram perClient, long busy, long rateLimited,
                   long disconnects, Map<String, Long> errors) {
    }

    /**
     * Runs the storm and closes its connections afterwards.
     *
     * @param request the logging-in request of client i: type, then key/value pairs
     */
    Outcome run(int count, int connectsInFlight, IntFunction<Object[]> request, long timeoutS)
            throws InterruptedException {
        List<CompletableFuture<BenchConnection>> clients = new ArrayList<>(count);
        Semaphore handshakes = new Semaphore(connectsInFlight);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            handshakes.acquire();
            long began = BenchClock.nanos();
            Object[] typeAndFields = request.apply(i);
            CompletableFuture<BenchConnection> connected = fleet.connect(servers.apply(i), sources.forIndex(i));
            connected.whenComplete((c, error) -> handshakes.release());
            clients.add(connected.thenCompose(c -> {
                c.listener(tally.closeCounter());
                return loggedIn(c, typeAndFields, 0).thenApply(reply -> {
                    tally.loggedIn(began);
                    c.keepAlive(); // the first ones in wait for the last, silent but for the heartbeat
                    return c;
                });
            }).exceptionally(error -> {
                tally.error(String.valueOf(StormTally.rootCause(error).getMessage()));
                return null;
            }));
        }
        return tally.finish(clients, start, timeoutS, "not logged in within " + timeoutS + " s",
                BenchConnection::close);
    }

    private CompletableFuture<JsonNode> loggedIn(BenchConnection connection, Object[] typeAndFields, int round) {
        Object[] fields = java.util.Arrays.copyOfRange(typeAndFields, 1, typeAndFields.length);
        return connection.request((String) typeAndFields[0], fields).thenCompose(reply -> {
            if (Accounts.isOk(reply)) {
                return CompletableFuture.completedFuture(reply);
            }
            String code = reply.path("code").asText();
            long retryAfter = reply.path("retry_after_ms").asLong(0);
            if ("busy".equals(code)) {
                tally.busy();
            } else if ("rate_limited".equals(code)) {
                tally.rateLimited();
            }
            if (retryAfter <= 0 || round >= MAX_RETRIES || !("busy".equals(code) || "rate_limited".equals(code))) {
                throw new IllegalStateException(typeAndFields[0] + " answered " + code);
            }
            long wait = retryAfter + ThreadLocalRandom.current().nextLong(retryAfter / 2 + 1);
            return connection.waitAlive(wait).thenCompose(waited -> loggedIn(connection, typeAndFields, round + 1));
        });
    }
}

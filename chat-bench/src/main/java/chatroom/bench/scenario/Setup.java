package chatroom.bench.scenario;

import chatroom.bench.client.Accounts;
import chatroom.bench.client.BenchConnection;
import chatroom.bench.client.Fleet;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.IntFunction;

/** Connecting and logging in many users with a bounded number of requests in flight. */
final class Setup {

    private Setup() {
    }

    /** Opens {@code count} connections logged in as {@code user(i)}, at most {@code parallel} logins at a time. */
    static List<BenchConnection> connectAndLogIn(Fleet fleet, InetSocketAddress server, SourceAddresses sources,
                                                 Accounts accounts, int count, IntFunction<String> user,
                                                 int parallel) throws InterruptedException {
        return connectAndLogIn(fleet, i -> server, sources, accounts, count, user, parallel);
    }

    /** Like the above, client number i connecting to {@code servers.apply(i)}. */
    static List<BenchConnection> connectAndLogIn(Fleet fleet, IntFunction<InetSocketAddress> servers,
                                                 SourceAddresses sources,
                                                 Accounts accounts, int count, IntFunction<String> user,
                                                 int parallel) throws InterruptedException {
        List<CompletableFuture<BenchConnection>> futures = new ArrayList<>(count);
        Semaphore permits = new Semaphore(parallel);
        for (int i = 0; i < count; i++) {
            permits.acquire();
            String name = user.apply(i);
            CompletableFuture<BenchConnection> connection = fleet.connect(servers.apply(i), sources.forIndex(i))
                    .thenCompose(c -> accounts.logIn(c, name));
            connection.whenComplete((c, error) -> permits.release());
            futures.add(connection);
        }
        List<BenchConnection> connections = awaitAll(futures, 600);
        accounts.tokens().save();
        return connections;
    }

    /** Runs {@code action} on every item, waiting for all; fails with the first failure. */
    static <T, R> List<R> forAll(List<T> items, Function<T, CompletableFuture<R>> action)
            throws InterruptedException {
        List<CompletableFuture<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(action.apply(item));
        }
        return awaitAll(futures, 120);
    }

    static <R> List<R> awaitAll(List<CompletableFuture<R>> futures, long timeoutS) throws InterruptedException {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(timeoutS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("setup failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("setup did not finish within " + timeoutS + " s", e);
        }
        List<R> results = new ArrayList<>(futures.size());
        futures.forEach(f -> results.add(f.join()));
        return results;
    }
}

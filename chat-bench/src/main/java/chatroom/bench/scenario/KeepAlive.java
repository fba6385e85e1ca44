package chatroom.bench.scenario;

import chatroom.bench.client.BenchConnection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pings connections that may sit idle for minutes (a sender whose share is done while others
 * still seed), as every client must (protocol: ping every {@code heartbeat_s} when nothing else
 * was sent), so the server does not close them with {@code idle_timeout}.
 */
final class KeepAlive implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-keepalive");
        thread.setDaemon(true);
        return thread;
    });

    KeepAlive(List<BenchConnection> connections, long everySeconds) {
        timer.scheduleAtFixedRate(() -> connections.stream().filter(BenchConnection::isActive)
                .forEach(c -> c.request("ping")), everySeconds, everySeconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

package chatroom.bench.scenario;

import chatroom.bench.client.BenchClock;
import chatroom.bench.irc.IrcBenchConnection;
import chatroom.bench.irc.IrcFleet;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/**
 * {@link LoginStorm} over IRC, so a C IRC server meets the same restart: {@code count} clients
 * connect at once (at most {@code connectsInFlight} TCP handshakes at a time), register
 * ({@code PASS}, {@code NICK}, {@code USER}) and join one channel; a client is in at the end of the
 * channel's names list ({@code 366}). Everyone in one channel is the IRC twin of every account in
 * {@code lobby}: each JOIN goes to every member already there, as each {@code presence online} does.
 */
final class IrcLoginStorm {

    private final IrcFleet fleet;
    private final IntFunction<InetSocketAddress> servers;
    private final SourceAddresses sources;
    private final StormTally tally = new StormTally();

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
                        c.listener(tally.closeCounter());
                        return c.join(channel).thenApply(joined -> {
                            tally.loggedIn(began);
                            return c;
                        });
                    });
            clients.add(in.exceptionally(error -> {
                // "nick: connection closed": one count per kind of failure, not per nick
                tally.error(String.valueOf(StormTally.rootCause(error).getMessage()).replaceAll("^\\S+: ", ""));
                return null;
            }));
        }
        return tally.finish(clients, start, timeoutS, "not in " + channel + " within " + timeoutS + " s",
                IrcBenchConnection::close);
    }
}

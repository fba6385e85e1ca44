package chatroom.bench.scenario;

import chatroom.bench.client.Accounts;
import chatroom.bench.client.BenchConnection;
import chatroom.bench.client.Fleet;
import chatroom.bench.client.TokenCache;
import chatroom.bench.irc.IrcFleet;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code logins}: a registration storm (N new accounts at once, {@code register {login: true}}: one
 * password hash each) and a restart storm (M clients logging back in with their tokens at once).
 * Each storm writes a result of its own ({@code logins-register}, {@code logins-token}): time until
 * all are in, per-client latency, the {@code busy} and {@code rate_limited} answers retried, and the
 * connections the server closed, which must be none.
 *
 * <p>Registration is limited per address (5 a minute by default): spread the clients with
 * {@code --source-addresses} of at least N/5, or start the server with a larger
 * {@code --registrations-per-minute}. The M token accounts are made once before the storm (not
 * measured) and their tokens kept in the token cache, so later runs start at once. With
 * {@code --token-storms S} the restart storm runs S times in this process: a fresh generator's JIT is
 * still compiling during its first storms, and it shares the machine's cores with the server.
 *
 * <p>With {@code --protocol irc} the restart storm is IRC clients registering and joining one
 * channel ({@link IrcLoginStorm}): against ngircd ({@code --start-ngircd}), or against the chat
 * server's IRC port with tokens from its JSON port ({@code --account-port}), one account per client.
 */
@Command(name = "logins", mixinStandardHelpOptions = true,
        description = "N clients registering at once, then M clients logging in by token at once (a restart); "
                + "time to all logged in, per-client latency, busy/rate_limited retries and disconnects.")
public final class LoginsScenario implements Callable<Integer> {

    @Mixin
    LoadOptions load;

    @Option(names = "--registering", defaultValue = "5000",
            description = "New accounts registering at once (default: ${DEFAULT-VALUE}).")
    int registering;

    @Option(names = "--reconnecting", defaultValue = "19000",
            description = "Clients logging in by token at once (default: ${DEFAULT-VALUE}).")
    int reconnecting;

    @Option(names = "--token-accounts", defaultValue = "0",
            description = "Accounts the reconnecting clients log in as, client i as account i modulo this: a user "
                    + "with several devices; 0: one account per client (default: ${DEFAULT-VALUE}).")
    int tokenAccounts;

    @Option(names = "--token-storms", defaultValue = "1",
            description = "Token storms to run one after the other in this process; all but the last warm the "
                    + "generator's JIT and the server and are reported as logins-warming-token, the last as "
                    + "logins-token (default: ${DEFAULT-VALUE}).")
    int tokenStorms;

    @Option(names = "--connects-in-flight", defaultValue = "1000",
            description = "TCP handshakes at a time while a storm opens its connections (default: ${DEFAULT-VALUE}).")
    int connectsInFlight;

    @Option(names = "--timeout-s", defaultValue = "900",
            description = "Longest a storm may take before the rest count as not logged in (default: ${DEFAULT-VALUE}).")
    long timeoutS;

    @Mixin
    IrcTargetOptions target;

    @Option(names = "--irc-channel", defaultValue = "lobby",
            description = "IRC mode: the channel every client joins, without its # (default: ${DEFAULT-VALUE}).")
    String ircChannel;

    @Override
    public Integer call() throws Exception {
        if (target.irc()) {
            return ircStorms();
        }
        if (registering > 5L * load.sourceAddresses) {
            System.out.printf("note: %d registrations from %d addresses meet the server's per-address limit "
                    + "(5 a minute by default) unless it runs with a larger --registrations-per-minute; "
                    + "the bench retries rate_limited answers%n", registering, load.sourceAddresses);
        }
        SourceAddresses sources = new SourceAddresses(0, load.sourceAddresses);
        int exit = 0;
        try (Fleet fleet = new Fleet(load.threads, load.transport())) {
            if (registering > 0) {
                String stamp = Long.toString(System.currentTimeMillis() / 1000 % 2_000_000_000L, 36);
                System.out.printf("logins: %d clients registering at once%n", registering);
                LoginStorm.Outcome outcome = new LoginStorm(fleet, load::server, sources).run(registering,
                        connectsInFlight, i -> new Object[] {"register", "user",
                                String.format("%s-r%s-%05d", load.userPrefix, stamp, i), "password", load.password,
                                "login", true}, timeoutS);
                exit |= finish("logins-register", outcome, 0, null);
            }
            if (reconnecting > 0) {
                Accounts accounts = new Accounts(load.password, TokenCache.load(load.tokenCacheFile()));
                int accountCount = accounts();
                BenchConnection watcher = Setup.connectAndLogIn(fleet, load::server, sources, accounts, 1,
                        i -> load.userPrefix + "-watch", 1).get(0);
                watcher.keepAlive();
                for (int storm = 1; storm <= tokenStorms(); storm++) {
                    System.out.printf("logins: making sure %d token accounts exist (not measured)%n", accountCount);
                    Setup.connectAndLogIn(fleet, load::server, sources, accounts, accountCount, this::tokenUser, 64)
                            .forEach(BenchConnection::close);
                    awaitNoOneElseOnline(watcher);
                    System.out.printf("logins: %d clients logging in by token at once%n", reconnecting);
                    LoginStorm.Outcome outcome = new LoginStorm(fleet, load::server, sources).run(reconnecting,
                            connectsInFlight, i -> new Object[] {"login", "token",
                                    accounts.tokens().get(tokenUser(i % accountCount))},
                            timeoutS);
                    boolean last = storm == tokenStorms();
                    exit |= finish(last ? "logins-token" : "logins-warming-token", outcome, storm, null);
                }
            }
        }
        return exit;
    }

    /** The restart storms over IRC: every client registers and joins one channel, S times. */
    private int ircStorms() throws Exception {
        if (registering > 0) {
            throw new IllegalArgumentException("--protocol irc runs the reconnect storm only: give --registering 0");
        }
        SourceAddresses sources = new SourceAddresses(0, load.sourceAddresses);
        IntFunction<String> passes = IrcRoomLoad.tokens(load, target.accountPort, reconnecting, this::tokenUser,
                sources);
        return target.against(load, (servers, server) -> {
            int exit = 0;
            try (IrcFleet fleet = new IrcFleet(load.threads, load.transport())) {
                for (int storm = 1; storm <= tokenStorms(); storm++) {
                    int round = storm;
                    // an IRC server frees a nick when it has handled the close: each storm has nicks of its own
                    IntFunction<String> nicks = target.accountPort > 0 ? this::tokenUser
                            : i -> String.format("%s-%d-%05d", load.userPrefix, round, i);
                    System.out.printf("logins: %d IRC clients joining #%s at once (%s)%n", reconnecting, ircChannel,
                            server);
                    LoginStorm.Outcome outcome = new IrcLoginStorm(fleet, servers, sources).run(reconnecting,
                            connectsInFlight, nicks, passes, "#" + ircChannel, timeoutS);
                    exit |= finish(storm == tokenStorms() ? "logins-token" : "logins-warming-token", outcome, storm,
                            server);
                }
            }
            return exit;
        });
    }

    /**
     * Waits until the server lists no one online but the watcher: the clients closed before have all
     * been let go. A restart storm meets a server with no sessions; without the wait it met the
     * server still closing the sessions of the storm or set-up before it, and a client whose port
     * was reused while the server still held the old connection waited a second for its SYN again.
     */
    private void awaitNoOneElseOnline(BenchConnection watcher) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        while (true) {
            JsonNode users = Accounts.expectOk(watcher.request("users"), "users").get(timeoutS, TimeUnit.SECONDS)
                    .path("users");
            if (users.size() <= 1) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(users.size() + " users still online " + timeoutS + " s after closing");
            }
            Thread.sleep(50); // a poll of the server's own list, not a guess at how long closing takes
        }
    }

    /** The token storms to run: at least one. */
    private int tokenStorms() {
        return Math.max(1, tokenStorms);
    }

    private int accounts() {
        return tokenAccounts <= 0 ? reconnecting : Math.min(tokenAccounts, reconnecting);
    }

    private String tokenUser(int index) {
        return String.format("%s-t%05d", load.userPrefix, index);
    }

    /** Writes a storm's result; {@code ircServer}: what an IRC storm ran against, null for JSON. */
    private int finish(String scenario, LoginStorm.Outcome outcome, int storm, String ircServer)
            throws java.io.IOException {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("clients", outcome.clients());
        if (storm > 0) {
            parameters.put("storm", storm + " of " + tokenStorms());
        }
        parameters.put("connects_in_flight", connectsInFlight);
        if (ircServer != null) {
            parameters.put("protocol", "irc");
            parameters.put("irc_server", ircServer);
            parameters.put("irc_channel", "#" + ircChannel);
        } else if (scenario.equals("logins-token")) {
            parameters.put("token_accounts", accounts());
        }
        parameters.put("source_addresses", load.sourceAddresses);
        parameters.put("threads", load.threads);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("logged_in", outcome.loggedIn());
        figures.put("seconds_to_all_logged_in", outcome.seconds());
        figures.put("logins_per_s", outcome.loggedIn() / outcome.seconds());
        figures.put("busy_retried", outcome.busy());
        figures.put("rate_limited_retried", outcome.rateLimited());
        figures.put("disconnects", outcome.disconnects());
        return new ScenarioRun(load, scenario).finish(parameters, figures, null, outcome.perClient(),
                new java.util.TreeMap<>(outcome.errors()));
    }
}

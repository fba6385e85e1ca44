package chatroom.bench.scenario;

import chatroom.bench.irc.NgircdProcess;
import java.net.InetSocketAddress;
import java.util.function.IntFunction;
import picocli.CommandLine.Option;

/**
 * Which protocol a scenario speaks, and in IRC mode which server it meets: Debian's ngircd started
 * for the run, or the chat server's IRC port with its accounts on the JSON port. A picocli mixin of
 * {@code fanout}, {@code rooms} and {@code logins}, so all three meet ngircd the same way.
 */
public final class IrcTargetOptions {

    @Option(names = "--protocol", defaultValue = "json",
            description = "json (the chat server's contract) or irc (NICK/USER/JOIN/PRIVMSG: ngircd, or the chat "
                    + "server's --irc-port with --account-port) (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--account-port", defaultValue = "0",
            description = "IRC mode against the chat server: its JSON port, where the bench accounts are "
                    + "registered and logged in once for the tokens their IRC connections send as PASS; "
                    + "0 = no accounts (ngircd) (default: ${DEFAULT-VALUE}).")
    int accountPort;

    @Option(names = "--start-ngircd",
            description = "IRC mode: start Debian's ngircd (/usr/sbin/ngircd) on a free loopback port with the "
                    + "bench configuration (no connection, join or flood limits), run against it, stop it.")
    boolean startNgircd;

    /** Whether the scenario speaks IRC; a protocol other than json or irc is refused. */
    boolean irc() {
        return switch (protocol) {
            case "irc" -> true;
            case "json" -> false;
            default -> throw new IllegalArgumentException("--protocol is json or irc, not " + protocol);
        };
    }

    /** What an IRC run does once it knows where client i connects and what to call the server. */
    interface IrcRun {
        int run(IntFunction<InetSocketAddress> servers, String serverName) throws Exception;
    }

    /** Runs {@code body} against ngircd (started before it and stopped after) or the server of {@code load}. */
    int against(LoadOptions load, IrcRun body) throws Exception {
        NgircdProcess ngircd = startNgircd ? NgircdProcess.start() : null;
        try {
            IntFunction<InetSocketAddress> servers = ngircd == null ? load::server
                    : i -> new InetSocketAddress("127.0.0.1", ngircd.port());
            String name = ngircd != null ? "ngircd (started, pid " + ngircd.pid() + ")"
                    : accountPort > 0 ? "chat server IRC port" : "IRC server";
            return body.run(servers, name);
        } finally {
            if (ngircd != null) {
                ngircd.close();
            }
        }
    }
}

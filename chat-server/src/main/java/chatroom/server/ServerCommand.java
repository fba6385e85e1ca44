package chatroom.server;

import chatroom.server.bot.BotOptions;
import chatroom.server.config.AccountOptions;
import chatroom.server.config.ClusterOptions;
import chatroom.server.config.ConnectionOptions;
import chatroom.server.config.EnvironmentDefaults;
import chatroom.server.config.LimitOptions;
import chatroom.server.config.ListenerOptions;
import chatroom.server.config.LoginProtectionOptions;
import chatroom.server.config.ServerConfig;
import chatroom.server.config.StoreOptions;
import chatroom.server.config.TlsOptions;
import chatroom.server.files.FileOptions;
import chatroom.server.irc.IrcOptions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The server's command line: one picocli mixin per settings record of {@link ServerConfig}. Each
 * option can also be set through the environment variable its {@code ${env:…}} default names (shown
 * in {@code --help}), and falls back to its record's {@code DEFAULT_*} constant.
 */
@Command(name = "chat-server", mixinStandardHelpOptions = true, versionProvider = ServerCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, subcommands = StoreCheckCommand.class,
        description = "Runs the chat server. Every option can also be set through the environment variable in [brackets].")
public final class ServerCommand implements Callable<ServerConfig> {

    @Mixin
    ListenerOptions listeners;

    @Mixin
    StoreOptions store;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    AccountOptions accounts;

    @Mixin
    LimitOptions limits;

    @Mixin
    ConnectionOptions connections;

    @Mixin
    LoginProtectionOptions loginProtection;

    @Mixin
    TlsOptions tls;

    @Mixin
    IrcOptions irc;

    @Mixin
    FileOptions files;

    @Mixin
    BotOptions bot;

    /** Where the variables named by other options (the database password, the bot's key) are read. */
    private final Map<String, String> environment;

    private ServerCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The command line of this process, its options' defaults taken from its environment. */
    public static CommandLine newCommandLine() {
        return newCommandLine(System.getenv());
    }

    /**
     * A command line whose environment variables come from {@code environment}, and whose bad values
     * (an idle timeout shorter than the heartbeat, say) print one line and exit 2, like usage errors,
     * instead of a stack trace.
     */
    public static CommandLine newCommandLine(Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new ServerCommand(Map.copyOf(environment)));
        commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
        commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
            cmd.getErr().println("chat-server: " + error.getMessage());
            return CommandLine.ExitCode.USAGE;
        });
        return commandLine;
    }

    /** Builds the config the options describe. */
    @Override
    public ServerConfig call() {
        return new ServerConfig(listeners.toSettings(), tls.toSettings(), limits.toSettings(),
                connections.toSettings(), loginProtection.toSettings(), accounts.toSettings(),
                store.toSettings(environment), cluster.toCluster(), files.toLimits(), files.toQuotas(),
                bot.toConfig(environment), irc.toConfig());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ChatServer.NAME};
        }
    }
}

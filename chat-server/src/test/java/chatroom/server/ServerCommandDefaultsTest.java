package chatroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.bot.BotConfig;
import chatroom.server.config.AccountSettings;
import chatroom.server.config.ConnectionSettings;
import chatroom.server.config.LimitSettings;
import chatroom.server.config.ListenerSettings;
import chatroom.server.config.LoginProtectionSettings;
import chatroom.server.config.ServerConfig;
import chatroom.server.config.StoreSettings;
import chatroom.server.config.TlsSettings;
import chatroom.server.files.FileLimits;
import chatroom.server.files.FileQuotas;
import chatroom.server.irc.IrcConfig;
import chatroom.server.room.FanOutPacing;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Every default is declared once, on its settings record: the command line without options or
 * variables gives exactly the records' {@code DEFAULTS}, the builder agrees with it, and each
 * option's environment variable sets it.
 */
class ServerCommandDefaultsTest {

    private static ServerConfig parse(Map<String, String> environment, String... args) {
        CommandLine commandLine = ServerCommand.newCommandLine(environment);
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        assertThat(commandLine.execute(args)).as("exit status; stderr: %s", err).isZero();
        return commandLine.getExecutionResult();
    }

    @Test
    void noOptionsAndNoVariables_giveEveryRecordItsDefaults() {
        ServerConfig config = parse(Map.of());
        assertThat(config.listenerSettings()).isEqualTo(ListenerSettings.DEFAULTS);
        assertThat(config.tlsSettings()).isEqualTo(TlsSettings.NONE);
        assertThat(config.limitSettings()).isEqualTo(LimitSettings.DEFAULTS);
        assertThat(config.connectionSettings()).isEqualTo(ConnectionSettings.DEFAULTS);
        assertThat(config.loginProtectionSettings()).isEqualTo(LoginProtectionSettings.DEFAULTS);
        assertThat(config.accountSettings()).isEqualTo(AccountSettings.DEFAULTS);
        assertThat(config.storeSettings()).isEqualTo(StoreSettings.DEFAULTS);
        assertThat(config.cluster()).isNull();
        assertThat(config.fileLimits()).isEqualTo(FileLimits.DEFAULT);
        assertThat(config.fileQuotas()).isEqualTo(FileQuotas.DEFAULT);
        assertThat(config.bot()).isNull();
        assertThat(config.irc()).isEqualTo(new IrcConfig(IrcConfig.DEFAULT_PORT, ""));
    }

    @Test
    void clusterAndBotOptions_defaultToTheirConstants() {
        ServerConfig config = parse(Map.of(), "--store", "jdbc:postgresql://db.example/chat", "--cluster",
                "redis://127.0.0.1:6379", "--node-id", "n1", "--bot-url", "http://127.0.0.1:1/v1", "--bot-model", "m");
        assertThat(config.cluster()).isEqualTo(new ServerConfig.Cluster("redis://127.0.0.1:6379", "n1",
                ServerConfig.DEFAULT_CLUSTER_HOLD_MS));
        assertThat(config.bot().timeout()).isEqualTo(BotConfig.DEFAULT_TIMEOUT);
        assertThat(config.bot().contextMessages()).isEqualTo(BotConfig.DEFAULT_CONTEXT_MESSAGES);
        assertThat(config.bot().maxConcurrent()).isEqualTo(BotConfig.DEFAULT_MAX_CONCURRENT);
    }

    @Test
    void theBuilder_agreesWithTheCommandLine_butOpensNoHttpOrIrcPort() {
        ServerConfig built = ServerConfig.builder().build();
        ServerConfig parsed = parse(Map.of());
        assertThat(built.listenerSettings()).isEqualTo(new ListenerSettings(ListenerSettings.DEFAULT_HOST,
                ListenerSettings.DEFAULT_PORT, ServerConfig.NO_HTTP, ListenerSettings.DEFAULT_IO_THREADS,
                ListenerSettings.DEFAULT_EPOLL, ListenerSettings.DEFAULT_TRANSPORT, ListenerSettings.DEFAULT_SHUTDOWN_GRACE_S,
                ListenerSettings.DEFAULT_ACCEPT_BACKLOG, ListenerSettings.DEFAULT_FAN_OUT_LINGER_US,
                ListenerSettings.DEFAULT_FAN_OUT_REST_PERCENT, ListenerSettings.DEFAULT_FAN_OUT_SLICE));
        assertThat(built.irc()).isNull();
        assertThat(built.tlsSettings()).isEqualTo(parsed.tlsSettings());
        assertThat(built.limitSettings()).isEqualTo(parsed.limitSettings());
        assertThat(built.connectionSettings()).isEqualTo(parsed.connectionSettings());
        assertThat(built.loginProtectionSettings()).isEqualTo(parsed.loginProtectionSettings());
        assertThat(built.accountSettings()).isEqualTo(parsed.accountSettings());
        assertThat(built.storeSettings()).isEqualTo(parsed.storeSettings());
        assertThat(built.fileLimits()).isEqualTo(parsed.fileLimits());
        assertThat(built.fileQuotas()).isEqualTo(parsed.fileQuotas());
    }

    @Test
    void environmentVariables_setTheirOptions_includingListsAndTheVariablesOthersName() {
        ServerConfig config = parse(Map.ofEntries(
                Map.entry("CHAT_PORT", "1234"),
                Map.entry("CHAT_DATA_DIR", "/tmp/聊天"),
                Map.entry("CHAT_RATE", "7"),
                Map.entry("CHAT_IDLE_TIMEOUT_S", "45"),
                Map.entry("CHAT_LOGIN_FAILURE_WINDOW_M", "3"),
                Map.entry("CHAT_TOKEN_TTL_H", "2"),
                Map.entry("CHAT_NO_EPOLL", "true"),
                Map.entry("CHAT_ACCEPT_BACKLOG", "4096"),
                Map.entry("CHAT_FANOUT_LINGER_US", "0"),
                Map.entry("CHAT_FANOUT_REST_PERCENT", "25"),
                Map.entry("CHAT_FANOUT_SLICE", "0"),
                Map.entry("CHAT_PRESENCE_MAX_MEMBERS", "1000"),
                Map.entry("CHAT_ADMINS", "Alice, 张伟,"),
                Map.entry("CHAT_FILE_TYPES", "pdf,PNG"),
                Map.entry("CHAT_MAX_FILE_MB", "5"),
                Map.entry("CHAT_IRC_MOTD", "欢迎 ${not a variable}"),
                Map.entry("CHAT_STORE", "jdbc:postgresql://db.example/chat"),
                Map.entry("CHAT_STORE_PASSWORD", "s3cret"),
                Map.entry("CHAT_BOT_URL", "http://127.0.0.1:1/v1"),
                Map.entry("CHAT_BOT_MODEL", "qwen2.5"),
                Map.entry("CHAT_BOT_KEY_ENV", "MY_BOT_KEY"),
                Map.entry("MY_BOT_KEY", "k-1")));
        assertThat(config.port()).isEqualTo(1234);
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/聊天"));
        assertThat(config.rate()).isEqualTo(7);
        assertThat(config.idleTimeoutS()).isEqualTo(45);
        assertThat(config.loginFailureWindow()).isEqualTo(Duration.ofMinutes(3));
        assertThat(config.tokenTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(config.epoll()).isFalse();
        assertThat(config.acceptBacklog()).isEqualTo(4096);
        assertThat(config.fanOutPacing()).isEqualTo(new FanOutPacing(Duration.ZERO, 25, 0));
        assertThat(config.presenceMaxMembers()).isEqualTo(1000);
        assertThat(config.admins()).containsExactlyInAnyOrder("alice", "张伟");
        assertThat(config.fileLimits().allowedTypes()).containsExactlyInAnyOrder("pdf", "png");
        assertThat(config.fileLimits().maxBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(config.irc().motd()).isEqualTo("欢迎 ${not a variable}");
        assertThat(config.store().password()).isEqualTo("s3cret");
        assertThat(config.bot().model()).isEqualTo("qwen2.5");
        assertThat(config.bot().apiKey()).isEqualTo("k-1");
    }

    @Test
    void anOptionOnTheCommandLine_winsOverItsVariable() {
        ServerConfig config = parse(Map.of("CHAT_PORT", "1234", "CHAT_ADMINS", "alice"), "--port", "5",
                "--admin", "bob");
        assertThat(config.port()).isEqualTo(5);
        assertThat(config.admins()).containsExactly("bob");
    }

    @Test
    void aBadValueFromTheEnvironment_isRefusedInOneLine() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = ServerCommand.newCommandLine(Map.of("CHAT_RATE", "0")).setErr(new PrintWriter(err));
        assertThat(commandLine.execute()).isEqualTo(2);
        assertThat(err.toString()).contains("rate must be between 1 and 1000000: 0").doesNotContain("Exception");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--fanout-linger-us | 100001 | fanOutLingerUs must be between 0 and 100000: 100001",
        "--fanout-rest-percent | 1001 | fanOutRestPercent must be between 0 and 1000: 1001",
        "--fanout-slice     | -1     | fanOutSlice must be between 0 and 1000000: -1"})
    void aFanOutSettingOutOfRange_isRefusedInOneLine(String option, String value, String message) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = ServerCommand.newCommandLine(Map.of()).setErr(new PrintWriter(err));
        assertThat(commandLine.execute(option, value)).isEqualTo(2);
        assertThat(err.toString()).contains(message).doesNotContain("Exception");
    }
}

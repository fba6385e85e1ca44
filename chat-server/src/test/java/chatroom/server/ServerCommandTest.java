package chatroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.config.ListenerSettings;
import chatroom.server.config.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServerCommandTest {

    private static ServerConfig parse(String... args) {
        CommandLine commandLine = ServerCommand.newCommandLine();
        assertThat(commandLine.execute(args)).isZero();
        return commandLine.getExecutionResult();
    }

    @Test
    void noOptions_giveTheDocumentedDefaults() {
        ServerConfig config = parse();
        assertThat(config.host()).isEqualTo(ServerConfig.DEFAULT_HOST);
        assertThat(config.port()).isEqualTo(8888);
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.maxFrame()).isEqualTo(65536);
        assertThat(config.heartbeatS()).isEqualTo(30);
        assertThat(config.idleTimeoutS()).isEqualTo(90);
        assertThat(config.rate()).isEqualTo(20);
        assertThat(config.burst()).isEqualTo(40);
        assertThat(config.tokenTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(config.admins()).isEmpty();
    }

    @Test
    void options_mapOntoTheConfig_andAdminNamesAreKeys() {
        ServerConfig config = parse("--host", "127.0.0.1", "--port", "0", "--data-dir", "/tmp/x",
                "--admin", "Alice", "--admin", "bob,张伟", "--max-frame", "4096", "--heartbeat-s", "5",
                "--idle-timeout-s", "12", "--rate", "3", "--burst", "4", "--token-ttl-h", "2");
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isZero();
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(config.admins()).containsExactlyInAnyOrder("alice", "bob", "张伟");
        assertThat(config.maxFrame()).isEqualTo(4096);
        assertThat(config.heartbeatS()).isEqualTo(5);
        assertThat(config.idleTimeoutS()).isEqualTo(12);
        assertThat(config.rate()).isEqualTo(3);
        assertThat(config.burst()).isEqualTo(4);
        assertThat(config.tokenTtl()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void ircGateway_listensOn6667ByDefault_takesAPortAndMotd_andNoIrcTurnsItOff() {
        assertThat(parse().irc().port()).isEqualTo(6667);
        assertThat(parse().irc().motd()).isEmpty();
        chatroom.server.irc.IrcConfig irc = parse("--irc-port", "0", "--irc-motd", "欢迎").irc();
        assertThat(irc.port()).isZero();
        assertThat(irc.motd()).isEqualTo("欢迎");
        assertThat(parse("--no-irc").irc()).isNull();
    }

    @Test
    void loginAndHashingLimits_haveDefaults_andMapOntoTheConfig() {
        ServerConfig defaults = parse();
        assertThat(defaults.loginFailuresBeforeDelay()).isEqualTo(3);
        assertThat(defaults.loginAddressFailuresBeforeDelay()).isEqualTo(10);
        assertThat(defaults.loginFirstDelayMs()).isEqualTo(250);
        assertThat(defaults.loginChecksPerAddress()).isEqualTo(1);
        assertThat(defaults.loginMaxDelayS()).isEqualTo(30);
        assertThat(defaults.loginFailureWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.registrationsPerMinute()).isEqualTo(5);
        assertThat(defaults.hashThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(defaults.hashQueue()).isEqualTo(256);

        ServerConfig config = parse("--login-failures-before-delay", "4", "--login-address-failures-before-delay", "20",
                "--login-first-delay-ms", "100", "--login-max-delay-s", "60", "--login-failure-window-m", "5",
                "--registrations-per-minute", "7", "--login-checks-per-address", "4", "--hash-threads", "3", "--hash-queue", "9");
        assertThat(config.loginFailuresBeforeDelay()).isEqualTo(4);
        assertThat(config.loginAddressFailuresBeforeDelay()).isEqualTo(20);
        assertThat(config.loginFirstDelayMs()).isEqualTo(100);
        assertThat(config.loginMaxDelayS()).isEqualTo(60);
        assertThat(config.loginFailureWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.registrationsPerMinute()).isEqualTo(7);
        assertThat(config.loginChecksPerAddress()).isEqualTo(4);
        assertThat(config.hashThreads()).isEqualTo(3);
        assertThat(config.hashQueue()).isEqualTo(9);
    }

    @Test
    void help_showsEveryOptionWithItsEnvironmentVariableAndDefault() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = ServerCommand.newCommandLine().setOut(new PrintWriter(out));
        commandLine.setUsageHelpAutoWidth(false);
        commandLine.setUsageHelpWidth(200);
        assertThat(commandLine.execute("--help")).isZero();
        assertThat(out.toString())
                .contains("--port", "CHAT_PORT", "Default: 8888")
                .contains("--data-dir", "CHAT_DATA_DIR")
                .contains("--idle-timeout-s", "Default: 90")
                .contains("--rate", "Default: 20")
                .contains("--burst", "Default: 40")
                .contains("--admin", "CHAT_ADMINS");
    }

    @Test
    void idleTimeoutNotLongerThanHeartbeat_isRefused() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = ServerCommand.newCommandLine().setErr(new PrintWriter(err));
        assertThat(commandLine.execute("--heartbeat-s", "30", "--idle-timeout-s", "30")).isEqualTo(2);
        assertThat(err.toString()).contains("idle timeout").doesNotContain("Exception");
    }

    @Test
    void botOptions_giveABotConfig_withTheCompletionsPathAndDefaults() {
        assertThat(parse().bot()).isNull();
        ServerConfig config = parse("--bot-url", "http://127.0.0.1:11434/v1", "--bot-model", "qwen2.5",
                "--bot-timeout-s", "7");
        assertThat(config.bot().endpoint()).hasToString("http://127.0.0.1:11434/v1/chat/completions");
        assertThat(config.bot().model()).isEqualTo("qwen2.5");
        assertThat(config.bot().apiKey()).isNull();
        assertThat(config.bot().timeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void ioThreads_byDefault_leaveOneCoreToTheStoreWriter_andAnExplicitCountIsKept() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(parse().ioThreads()).isEqualTo(Math.max(1, cores - 1));
        assertThat(ListenerSettings.defaultIoThreads(1)).isEqualTo(1);
        assertThat(ListenerSettings.defaultIoThreads(2)).isEqualTo(1);
        assertThat(ListenerSettings.defaultIoThreads(8)).isEqualTo(7);
        assertThat(parse("--io-threads", "2").ioThreads()).isEqualTo(2);
        StringWriter err = new StringWriter();
        CommandLine commandLine = ServerCommand.newCommandLine().setErr(new PrintWriter(err));
        assertThat(commandLine.execute("--io-threads", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("ioThreads").doesNotContain("Exception");
    }

    @Test
    void botWithoutModel_orWithAnUnsetKeyVariable_isRefusedInOneLine() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = ServerCommand.newCommandLine().setErr(new PrintWriter(err));
        assertThat(commandLine.execute("--bot-url", "http://127.0.0.1:1/v1")).isEqualTo(2);
        assertThat(err.toString()).contains("--bot-model").doesNotContain("Exception");

        StringWriter err2 = new StringWriter();
        commandLine = ServerCommand.newCommandLine().setErr(new PrintWriter(err2));
        assertThat(commandLine.execute("--bot-url", "http://127.0.0.1:1/v1", "--bot-model", "m",
                "--bot-key-env", "CHATROOM_TEST_SURELY_UNSET_VARIABLE")).isEqualTo(2);
        assertThat(err2.toString()).contains("CHATROOM_TEST_SURELY_UNSET_VARIABLE, which is not set");
    }

    @Test
    void storeOptions_selectPostgres_andOtherUrlsAreRefused() {
        assertThat(parse().store()).as("the embedded database by default").isNull();
        ServerConfig config = parse("--store", "jdbc:postgresql://db.example:5432/chat", "--store-user", "chat");
        assertThat(config.store().url()).isEqualTo("jdbc:postgresql://db.example:5432/chat");
        assertThat(config.store().user()).isEqualTo("chat");

        StringWriter err = new StringWriter();
        CommandLine commandLine = ServerCommand.newCommandLine().setErr(new PrintWriter(err));
        assertThat(commandLine.execute("--store", "jdbc:mysql://x/chat")).isEqualTo(2);
        assertThat(err.toString()).contains("jdbc:postgresql://").doesNotContain("Exception");
    }

    @Test
    void connectionAndWebOptions_mapOntoTheConfig_withTheirDefaults() {
        ServerConfig defaults = parse();
        assertThat(defaults.maxConnections()).as("derived from the open-file limit").isZero();
        assertThat(defaults.fdReserve()).isEqualTo(256);
        assertThat(defaults.overCapHealthConnections()).isEqualTo(8);
        assertThat(defaults.httpRequestTimeoutS()).isEqualTo(10);
        assertThat(defaults.allowedOrigins()).isEmpty();

        ServerConfig config = parse("--max-connections", "500", "--fd-reserve", "100",
                "--over-cap-health-connections", "2", "--http-request-timeout-s", "3",
                "--allowed-origins", "https://Chat.Example.com/, http://localhost:3000");
        assertThat(config.maxConnections()).isEqualTo(500);
        assertThat(config.fdReserve()).isEqualTo(100);
        assertThat(config.overCapHealthConnections()).isEqualTo(2);
        assertThat(config.httpRequestTimeoutS()).isEqualTo(3);
        assertThat(config.allowedOrigins()).containsExactlyInAnyOrder("https://chat.example.com",
                "http://localhost:3000");
    }

    @Test
    void anAllowedOriginWithAPath_isRefusedInOneLine() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = ServerCommand.newCommandLine().setErr(new PrintWriter(err));
        assertThat(commandLine.execute("--allowed-origins", "https://chat.example.com/app")).isEqualTo(2);
        assertThat(err.toString()).contains("--allowed-origins").doesNotContain("Exception");
    }

    @Test
    void check_exits0OnASoundStore_and1OnAFileThatIsNoDatabase_withoutStartingAServer(@TempDir Path dir)
            throws Exception {
        chatroom.server.store.JdbcChatStore.openSqlite(dir, 16).close();
        StringWriter out = new StringWriter();
        CommandLine sound = ServerCommand.newCommandLine().setOut(new PrintWriter(out));
        assertThat(sound.execute("check", "--data-dir", dir.toString())).isZero();
        assertThat(sound.<ServerConfig>getExecutionResult()).as("no server config: nothing starts").isNull();
        assertThat(out.toString()).contains("chat.db: ok");

        replaceWithNoDatabase(dir, "chat.db");
        StringWriter damaged = new StringWriter();
        assertThat(check(dir, damaged)).isEqualTo(1);
        assertThat(damaged.toString()).contains("damaged");
    }

    @Test
    void check_alsoChecksTheSearchIndex_andSaysTheNextStartBuildsADamagedOneAgain(@TempDir Path dir) throws Exception {
        chatroom.server.store.JdbcChatStore.openSqlite(dir, 16).close();
        StringWriter out = new StringWriter();
        assertThat(check(dir, out)).isZero();
        assertThat(out.toString()).contains("chat.db: ok", "search.db: ok");

        replaceWithNoDatabase(dir, "search.db");
        StringWriter damaged = new StringWriter();
        assertThat(check(dir, damaged)).isEqualTo(1);
        assertThat(damaged.toString()).contains("chat.db: ok", "search.db: damaged; delete it");
    }

    private static int check(Path dir, StringWriter out) {
        return ServerCommand.newCommandLine().setOut(new PrintWriter(out)).execute("check", "--data-dir", dir.toString());
    }

    /** Overwrites a closed database file with bytes that are no database, and drops its WAL and SHM. */
    private static void replaceWithNoDatabase(Path dir, String file) throws java.io.IOException {
        java.nio.file.Files.write(dir.resolve(file), "不是数据库".repeat(2000).getBytes(StandardCharsets.UTF_8));
        java.nio.file.Files.deleteIfExists(dir.resolve(file + "-wal"));
        java.nio.file.Files.deleteIfExists(dir.resolve(file + "-shm"));
    }

    @Test
    void check_ofADirectoryWithoutADatabase_exits1(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        assertThat(ServerCommand.newCommandLine().setErr(new PrintWriter(err))
                .execute("check", "--data-dir", dir.resolve("nothing").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no database");
    }

    @Test
    void transport_defaultsToEpoll_takesAnyOfTheFourInAnyCase_andRefusesOthersInOneLine() {
        assertThat(parse().transport()).isEqualTo(chatroom.common.Transport.Preference.EPOLL);
        assertThat(parse("--transport", "io_uring").transport()).isEqualTo(chatroom.common.Transport.Preference.IO_URING);
        assertThat(parse("--transport", "AUTO").transport()).isEqualTo(chatroom.common.Transport.Preference.AUTO);
        assertThat(parse("--transport", "nio").transport()).isEqualTo(chatroom.common.Transport.Preference.NIO);
        assertThat(parse("--transport", "io_uring", "--no-epoll").transport())
                .isEqualTo(chatroom.common.Transport.Preference.NIO);
        StringWriter err = new StringWriter();
        assertThat(ServerCommand.newCommandLine().setErr(new PrintWriter(err)).execute("--transport", "kqueue"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("kqueue").doesNotContain("Exception");
    }
}

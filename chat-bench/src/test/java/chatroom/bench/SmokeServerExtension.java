package chatroom.bench;

import chatroom.server.ChatServer;
import chatroom.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import picocli.CommandLine;

/**
 * The chat server the smoke tests run the scenarios against ({@link #runScenario}): in this JVM, on
 * 127.0.0.1 and a free port, with no admins and a one-second shutdown grace, configured further by
 * the test class. It starts before the class's first test and stops after its last; its data
 * directory is deleted then.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SmokeServerExtension server = new SmokeServerExtension(b -> b.registrationsPerMinute(1000));
 * }</pre>
 */
final class SmokeServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<ServerConfig.Builder> tweaks;
    private Path dataDir;
    private ChatServer server;

    SmokeServerExtension(UnaryOperator<ServerConfig.Builder> tweaks) {
        this.tweaks = tweaks;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("bench-smoke");
        server = ChatServer.start(tweaks.apply(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
                .admins(Set.of()).shutdownGraceS(1)).build());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** The server's JSON port. */
    int port() {
        return server.port();
    }

    /**
     * Runs {@code chat-bench scenario --port <this server's port> --out dir options…} in this JVM and returns
     * its exit code.
     */
    int runScenario(String scenario, Path dir, String... options) {
        List<String> args = new ArrayList<>(List.of(scenario, "--port", Integer.toString(port()),
                "--out", dir.toString()));
        args.addAll(List.of(options));
        return new CommandLine(new BenchMain()).execute(args.toArray(String[]::new));
    }

    /** The server's IRC port, where the test class configured one. */
    int ircPort() {
        return server.ircPort();
    }
}

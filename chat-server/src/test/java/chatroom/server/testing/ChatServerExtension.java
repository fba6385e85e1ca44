package chatroom.server.testing;

import chatroom.server.ChatServer;
import chatroom.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real chat server on 127.0.0.1 and free ports for a test class, in the manner of Lettuce's
 * {@code LettuceExtension}: the extension owns the server and hands tests what they need as parameters.
 *
 * <pre>{@code
 * class RoomIntegrationTest {
 *     @RegisterExtension
 *     static final ChatServerExtension server = ChatServerExtension.withConfig(b -> b.rate(1000).burst(1000));
 *
 *     @Test
 *     void send_reachesTheOtherMember(TwoUsersInARoom users) {
 *         users.alice().ok("send", "room", users.room(), "text", "hi");
 *         assertThat(users.bob().messageIn(users.room()).path("from").asText()).isEqualTo(users.aliceName());
 *     }
 * }
 * }</pre>
 *
 * <p>Lifetime follows the field: a {@code static} field (or {@code @ExtendWith(ChatServerExtension.class)}, which
 * uses the defaults) starts one server before the first test and stops it after the last ({@code @Nested} classes
 * share it); an instance field starts a fresh server for each test, for tests that change what every later test
 * would see. The server's data directory is a temporary directory of its own, deleted afterwards.
 *
 * <p>Clients opened during a test, as parameters or through {@link #user}/{@link #connect}, are closed after that
 * test; clients opened in {@code @BeforeAll} live as long as the server.
 *
 * <p>Resolves test and lifecycle method parameters of these types:
 * <ul>
 *   <li>{@link WireClient}: a new connection, welcomed but not logged in;</li>
 *   <li>{@link TwoUsersInARoom}: two new users, logged in and joined to a new room;</li>
 *   <li>{@link ChatServer}: the running server (ports, connection counts).</li>
 * </ul>
 */
public final class ChatServerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final UnaryOperator<ServerConfig.Builder> tweaks;
    private ServerFixture fixture;
    /** Classes entered (a {@code @Nested} class enters again): the server starts with the first, stops with it. */
    private int classDepth;
    private boolean startedForOneTest;
    private int clientsBeforeTest;

    /** A server with {@link ServerFixture}'s defaults; what {@code @ExtendWith(ChatServerExtension.class)} uses. */
    public ChatServerExtension() {
        this(b -> b);
    }

    private ChatServerExtension(UnaryOperator<ServerConfig.Builder> tweaks) {
        this.tweaks = tweaks;
    }

    /** A server whose configuration is the fixture's defaults changed by {@code tweaks}. */
    public static ChatServerExtension withConfig(UnaryOperator<ServerConfig.Builder> tweaks) {
        return new ChatServerExtension(tweaks);
    }

    // ---- lifecycle ----

    @Override
    public void beforeAll(ExtensionContext context) {
        if (classDepth++ == 0) {
            start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (fixture == null) { // registered on an instance field: this test gets a server of its own
            start();
            startedForOneTest = true;
        }
        clientsBeforeTest = fixture.clientCount();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (startedForOneTest) {
            stop();
        } else if (fixture != null) {
            fixture.closeClientsSince(clientsBeforeTest);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--classDepth == 0) {
            stop();
        }
    }

    private void start() {
        try {
            fixture = new ServerFixture(Files.createTempDirectory("chat-server-test"), tweaks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop() {
        if (fixture == null) {
            return;
        }
        try {
            fixture.close();
        } finally {
            deleteRecursively(fixture.dataDir());
            fixture = null;
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    // ---- parameters ----

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == WireClient.class || type == TwoUsersInARoom.class || type == ChatServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == WireClient.class) {
            return connect();
        }
        if (type == TwoUsersInARoom.class) {
            return twoUsersInARoom();
        }
        return chatServer();
    }

    // ---- what tests use ----

    /** The running server. */
    public ChatServer chatServer() {
        return running().server();
    }

    public int httpPort() {
        return chatServer().httpPort();
    }

    /** The server's data directory (its database, files, audit log). */
    public Path dataDir() {
        return running().dataDir();
    }

    /** A new connection, welcomed but not logged in. */
    public WireClient connect() {
        return running().connect();
    }

    /** A new connection from {@code localAddress} (a 127.0.0.0/8 address), so the server sees another peer. */
    public WireClient connectFrom(String localAddress) {
        return running().connectFrom(localAddress);
    }

    /** A new connection, registered and logged in as {@code name} (password {@code "password-" + name}). */
    public WireClient user(String name) {
        return running().user(name);
    }

    /** Two new users with names no other test uses, logged in and joined to a new room. */
    public TwoUsersInARoom twoUsersInARoom() {
        return TwoUsersInARoom.on(running());
    }

    /** Stops the server (clients get bye server_shutdown) and starts it again on the same data. */
    public void restart() {
        running().restart();
    }

    private ServerFixture running() {
        if (fixture == null) {
            throw new IllegalStateException("no server: register ChatServerExtension with @RegisterExtension or"
                    + " @ExtendWith, and use it from a test or a lifecycle method");
        }
        return fixture;
    }
}

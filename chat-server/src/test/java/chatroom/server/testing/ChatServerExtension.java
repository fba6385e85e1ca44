package chatroom.server.testing;

import chatroom.server.ChatServer;
import chatroom.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
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
 * <p><b>Two nodes.</b> With the system property {@code chat.test.nodes=2} (the {@code two-nodes} surefire execution
 * sets it) the "server" is a cluster instead ({@link ChatServers}): a new PostgreSQL database, a Redis of its own
 * and two nodes, every node configured with the same tweaks. The clients it hands out alternate between node a and
 * node b, starting again at node a in every test, and {@link TwoUsersInARoom} always puts alice on node a and bob
 * on node b. So the same black-box tests check every feature across nodes. Where PostgreSQL or Redis is not
 * installed the class is skipped. {@link #chatServer}, {@link #dataDir} and {@link #httpPort} then name node a;
 * a test that needs "the only server" is not a contract test of the cluster and disables itself there
 * ({@code @DisabledIfSystemProperty(named = "chat.test.nodes", matches = "2")}).
 *
 * <p>Resolves test and lifecycle method parameters of these types:
 * <ul>
 *   <li>{@link WireClient}: a new connection, welcomed but not logged in;</li>
 *   <li>{@link TwoUsersInARoom}: two new users, logged in and joined to a new room;</li>
 *   <li>{@link ChatServer}: the running server (ports, connection counts); node a on two nodes.</li>
 * </ul>
 */
public final class ChatServerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final UnaryOperator<ServerConfig.Builder> tweaks;
    private final int nodeCount;
    private ChatServers servers;
    /** Classes entered (a {@code @Nested} class enters again): the server starts with the first, stops with it. */
    private int classDepth;
    private boolean startedForOneTest;

    /** A server with {@link ServerFixture}'s defaults; what {@code @ExtendWith(ChatServerExtension.class)} uses. */
    public ChatServerExtension() {
        this(b -> b);
    }

    private ChatServerExtension(UnaryOperator<ServerConfig.Builder> tweaks) {
        this(tweaks, ChatServers.nodeCountFromProperty());
    }

    private ChatServerExtension(UnaryOperator<ServerConfig.Builder> tweaks, int nodeCount) {
        this.tweaks = tweaks;
        this.nodeCount = nodeCount;
    }

    /** A server whose configuration is the fixture's defaults changed by {@code tweaks}. */
    public static ChatServerExtension withConfig(UnaryOperator<ServerConfig.Builder> tweaks) {
        return new ChatServerExtension(tweaks);
    }

    /** Two cluster nodes whatever {@value ChatServers#NODES_PROPERTY} says: for the tests of that mode itself. */
    static ChatServerExtension onTwoNodes(UnaryOperator<ServerConfig.Builder> tweaks) {
        return new ChatServerExtension(tweaks, 2);
    }

    // ---- lifecycle ----

    @Override
    public void beforeAll(ExtensionContext context) {
        if (classDepth++ == 0) {
            servers = ChatServers.start(tweaks, nodeCount);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (servers == null) { // registered on an instance field: this test gets a server of its own
            servers = ChatServers.start(tweaks, nodeCount);
            startedForOneTest = true;
        }
        servers.markBeforeTest();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (startedForOneTest) {
            stop();
        } else if (servers != null) {
            servers.closeClientsOfTest();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--classDepth == 0) {
            stop();
        }
    }

    private void stop() {
        if (servers != null) {
            try {
                servers.close();
            } finally {
                servers = null;
            }
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

    // ---- what tests use (see ChatServers) ----

    /** 1, or 2 on a cluster. */
    public int nodeCount() {
        return nodeCount;
    }

    /** The chat port of each node, node a's first; one port on one server. */
    public List<Integer> ports() {
        return running().ports();
    }

    /** The running server; node a on two nodes. */
    public ChatServer chatServer() {
        return running().chatServer();
    }

    public int httpPort() {
        return chatServer().httpPort();
    }

    /** The server's data directory (its database, files, audit log); node a's on two nodes. */
    public Path dataDir() {
        return running().dataDir();
    }

    /** A new connection, welcomed but not logged in; on two nodes, to the other node than the previous client. */
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

    /** A new user on the node {@code neighbour} is connected to (see {@link ChatServers#userOnNodeOf}). */
    public WireClient userOnNodeOf(WireClient neighbour, String name) {
        return running().userOnNodeOf(neighbour, name);
    }

    /** Two new users with names no other test uses, logged in and joined to a new room; on two nodes alice is on
     *  node a and bob on node b. */
    public TwoUsersInARoom twoUsersInARoom() {
        return running().twoUsersInARoom();
    }

    /** Stops the server (clients get bye server_shutdown) and starts it again on the same data; on two nodes both
     *  nodes, one after the other. */
    public void restart() {
        running().restart();
    }

    private ChatServers running() {
        if (servers == null) {
            throw new IllegalStateException("no server: register ChatServerExtension with @RegisterExtension or"
                    + " @ExtendWith, and use it from a test or a lifecycle method");
        }
        return servers;
    }
}

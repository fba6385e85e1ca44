package chatroom.server.testing;

import chatroom.server.ChatServer;
import chatroom.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a contract test talks to: one real server, or (with {@code -Dchat.test.nodes=2}) a cluster of two nodes on
 * a new PostgreSQL database and a Redis of its own ({@link TwoNodeCluster}), every node configured with the same
 * tweaks. The clients it hands out alternate between node a and node b, so consecutive clients of a test are on
 * different nodes and every reply and event a test checks has crossed the cluster; {@link #twoUsersInARoom} puts
 * alice on node a and bob on node b. {@link ChatServerExtension} runs one for a class or a test; a test that needs
 * a different configuration per test method starts one itself ({@link #start}) and closes it.
 *
 * <p>Where PostgreSQL or Redis is not installed, starting two nodes skips the test (an assumption).
 */
public final class ChatServers implements AutoCloseable {

    /** The system property that selects the number of nodes: 1 (default) or 2. */
    public static final String NODES_PROPERTY = "chat.test.nodes";

    private final List<Path> dataDirs = new ArrayList<>();
    private final List<ServerFixture> nodes = new ArrayList<>();
    private TwoNodeCluster cluster;
    private int[] marks;
    private int next;

    private ChatServers() {
    }

    /** One server, or two nodes when {@value #NODES_PROPERTY} is 2, configured by {@code tweaks}. */
    public static ChatServers start(UnaryOperator<ServerConfig.Builder> tweaks) {
        return start(tweaks, nodeCountFromProperty());
    }

    /** {@code nodeCount} (1 or 2) servers configured by {@code tweaks}, whatever the property says. */
    static ChatServers start(UnaryOperator<ServerConfig.Builder> tweaks, int nodeCount) {
        if (nodeCount == 2) {
            TwoNodeCluster.assumeInstalled();
        }
        ChatServers servers = new ChatServers();
        try {
            if (nodeCount == 2) {
                servers.cluster = TwoNodeCluster.start(MigratedDatabases.copy(), servers.newDataDir(),
                        servers.newDataDir(), tweaks);
                servers.nodes.add(servers.cluster.nodeA());
                servers.nodes.add(servers.cluster.nodeB());
            } else {
                servers.nodes.add(new ServerFixture(servers.newDataDir(), tweaks));
            }
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
        servers.marks = new int[servers.nodes.size()];
        return servers;
    }

    /** True when the tests run on two nodes ({@code -Dchat.test.nodes=2}). */
    public static boolean onTwoNodes() {
        return nodeCountFromProperty() == 2;
    }

    static int nodeCountFromProperty() {
        String value = System.getProperty(NODES_PROPERTY, "1");
        return switch (value) {
            case "1" -> 1;
            case "2" -> 2;
            default -> throw new IllegalArgumentException(NODES_PROPERTY + " must be 1 or 2, not " + value);
        };
    }

    private Path newDataDir() {
        try {
            Path dir = Files.createTempDirectory("chat-server-test");
            dataDirs.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- what tests use ----

    /** 1, or 2 on a cluster. */
    public int nodeCount() {
        return nodes.size();
    }

    /** The running server; node a on two nodes. */
    public ChatServer chatServer() {
        return nodes.get(0).server();
    }

    /** The server's data directory (its database, files, audit log); node a's on two nodes. */
    public Path dataDir() {
        return nodes.get(0).dataDir();
    }

    /** A new connection, welcomed but not logged in; on two nodes, to the other node than the previous client. */
    public WireClient connect() {
        return nextNode().connect();
    }

    /** A new connection from {@code localAddress} (a 127.0.0.0/8 address), so the server sees another peer. */
    public WireClient connectFrom(String localAddress) {
        return nextNode().connectFrom(localAddress);
    }

    /** A new connection, registered and logged in as {@code name} (password {@code "password-" + name}). */
    public WireClient user(String name) {
        return nextNode().user(name);
    }

    /**
     * A new connection, registered and logged in as {@code name}, on the node {@code neighbour} is connected to.
     * For a test whose check rests on the order of events from one node: events a node publishes reach another
     * node in the order published, but events from two nodes have no order between them.
     */
    public WireClient userOnNodeOf(WireClient neighbour, String name) {
        return nodeOf(neighbour).user(name);
    }

    /** Two new users with names no other test uses, logged in and joined to a new room; on two nodes alice is on
     *  node a and bob on node b. */
    public TwoUsersInARoom twoUsersInARoom() {
        return TwoUsersInARoom.on(nodes.get(0), nodes.get(nodes.size() - 1));
    }

    /** Stops the server (clients get bye server_shutdown) and starts it again on the same data; on two nodes, both
     *  nodes, one after the other. */
    public void restart() {
        nodes.forEach(ServerFixture::restart);
    }

    /** The chat port of each node: node a's first. */
    public List<Integer> ports() {
        return nodes.stream().map(node -> node.server().port()).toList();
    }

    // ---- for ChatServerExtension ----

    /** Marks the clients open now, and starts the turn again at node a, so that which node a test's clients are
     *  on does not depend on how many clients earlier tests opened. */
    void markBeforeTest() {
        for (int i = 0; i < nodes.size(); i++) {
            marks[i] = nodes.get(i).clientCount();
        }
        next = 0;
    }

    /** Closes the clients opened since {@link #markBeforeTest}. */
    void closeClientsOfTest() {
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).closeClientsSince(marks[i]);
        }
    }

    private ServerFixture nextNode() {
        ServerFixture node = nodes.get(next);
        next = (next + 1) % nodes.size();
        return node;
    }

    private ServerFixture nodeOf(WireClient client) {
        return nodes.stream().filter(node -> node.opened(client)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a client of these servers: " + client));
    }

    /** Stops every server and deletes their data directories. */
    @Override
    public void close() {
        try {
            if (cluster != null) {
                cluster.close();
            } else {
                nodes.forEach(ServerFixture::close);
            }
        } finally {
            dataDirs.forEach(TempDirectories::deleteRecursively);
        }
    }
}

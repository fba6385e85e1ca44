package chatroom.server.testing;

import chatroom.server.ChatServer;
import chatroom.server.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** A real server on 127.0.0.1 and a free port, with the clients a test opened; closes them all. */
public final class ServerFixture implements AutoCloseable {

    private final Path dataDir;
    private final UnaryOperator<ServerConfig.Builder> tweaks;
    private final List<WireClient> clients = new ArrayList<>();
    private ChatServer server;

    public ServerFixture(Path dataDir) {
        this(dataDir, b -> b);
    }

    public ServerFixture(Path dataDir, UnaryOperator<ServerConfig.Builder> tweaks) {
        this.dataDir = dataDir;
        this.tweaks = tweaks;
        start();
    }

    public void start() {
        try {
            server = ChatServer.start(tweaks.apply(ServerConfig.builder()
                    .host("127.0.0.1").port(0).dataDir(dataDir).admins(Set.of("admin"))
                    // tests sign many users up from 127.0.0.1; the registration limit has its own tests
                    .registrationsPerMinute(1000)
                    .shutdownGraceS(2)).build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server (clients get bye server_shutdown) and starts it again on the same data. */
    public void restart() {
        server.close();
        start();
    }

    public ChatServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** {@code GET /health} on this server's HTTP port (a server configured with one, such as {@code httpPort(0)}). */
    public HttpResponse<String> health() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.httpPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** How many clients this fixture has opened so far: a mark for {@link #closeClientsSince}. */
    int clientCount() {
        return clients.size();
    }

    /** True when {@code client} was opened by this fixture and not closed by it since. */
    boolean opened(WireClient client) {
        return clients.contains(client);
    }

    /** Closes the clients opened after {@code mark}; the ones before it stay connected. */
    void closeClientsSince(int mark) {
        List<WireClient> recent = clients.subList(mark, clients.size());
        recent.forEach(WireClient::close);
        recent.clear();
    }

    public WireClient connect() {
        return connectFrom(null);
    }

    /** A client connecting from {@code localAddress} (a 127.0.0.0/8 address), or 127.0.0.1 when null. */
    public WireClient connectFrom(String localAddress) {
        try {
            WireClient client = WireClient.connectFrom(server.port(), localAddress);
            clients.add(client);
            return client;
        } catch (IOException e) {
            throw new AssertionError("cannot connect", e);
        }
    }

    /** A connected, registered and logged-in client. */
    public WireClient user(String name) {
        WireClient client = connect();
        client.signUp(name);
        return client;
    }

    @Override
    public void close() {
        clients.forEach(WireClient::close);
        server.close();
    }
}

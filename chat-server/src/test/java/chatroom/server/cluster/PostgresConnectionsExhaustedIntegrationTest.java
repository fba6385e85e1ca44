package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chatroom.server.config.ServerConfig;
import chatroom.server.store.PostgresFixture;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL refuses a node new connections: its role's connection limit is reached (the test
 * holds every allowed connection) and the node's own connections are gone (terminated, as after a
 * network blip or a database restart). A {@code send} then answers with an error within the pool's
 * connection timeout instead of hanging, nothing unstored is acknowledged, {@code /health} says
 * so, and the node serves again as soon as connections free up.
 */
class PostgresConnectionsExhaustedIntegrationTest {

    private static final String ROOM = "满员";
    /** The store pool waits 10 s for a connection; the answer comes within that and some slack. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path data;

    private final List<Connection> held = new ArrayList<>();
    private ServerFixture node;
    private String adminUrl;
    private String role;

    @BeforeAll
    static void needPostgres() {
        PostgresFixture.assumeInstalled();
    }

    @AfterEach
    void stop() throws SQLException {
        releaseHeld();
        if (node != null) {
            node.close();
        }
    }

    @Test
    void noConnectionToBeHad_sendAnswersAnErrorInsteadOfHanging_acknowledgesNothingUnstored_andRecovers() throws Exception {
        String url = PostgresFixture.shared().newDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1);
        adminUrl = url;
        role = database + "_node"; // not a superuser: superusers are exempt from connection limits
        admin("CREATE ROLE " + role + " LOGIN");
        admin("ALTER DATABASE " + database + " OWNER TO " + role);
        node = new ServerFixture(data, b -> b.store(new ServerConfig.StoreLocation(url, role, "")).rate(100_000)
                .burst(100_000).httpPort(0));
        WireClient alice = node.user("alice");
        alice.ok("join", "room", ROOM);
        List<String> acked = new ArrayList<>();
        alice.ok("send", "room", ROOM, "text", "before", "cid", "before");
        acked.add("before");

        // take every connection the role may have, then cut the node's own
        for (int i = 0; i < 2; i++) {
            held.add(DriverManager.getConnection(url, role, ""));
        }
        admin("ALTER ROLE " + role + " CONNECTION LIMIT 2");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "' AND pid NOT IN ("
                + pid(held.get(0)) + ", " + pid(held.get(1)) + ")");

        // the first send may still meet a connection the pool had (now dead); the next ones need a new one
        for (String cid : List.of("during-1", "during-2", "during-3")) {
            long started = System.nanoTime();
            alice.sendRequest(cid, "send", "room", ROOM, "text", "while exhausted", "cid", cid);
            ObjectNode reply = alice.event(e -> cid.equals(e.path("id").asText()), ANSWER_WITHIN);
            assertThat(reply.path("type").asText()).as("%s", reply).isEqualTo("error");
            assertThat(reply.path("code").asText()).isEqualTo("internal");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWER_WITHIN);
        }
        alice.sendRequest("read", "history", "room", ROOM);
        assertThat(alice.event(e -> "read".equals(e.path("id").asText()), ANSWER_WITHIN).path("code").asText())
                .as("a read needs a connection too").isEqualTo("internal");
        HttpResponse<String> failing = node.health();
        assertThat(failing.statusCode()).isEqualTo(503);
        assertThat(failing.body()).contains("\"status\":\"degraded\"", "\"state\":\"failing\"");

        releaseHeld();
        admin("ALTER ROLE " + role + " CONNECTION LIMIT -1");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            String cid = "after-" + acked.size();
            alice.ok("send", "room", ROOM, "text", "after", "cid", cid);
            acked.add(cid);
        });
        List<String> stored = new ArrayList<>();
        for (JsonNode message : alice.ok("history", "room", ROOM).path("messages")) {
            stored.add(message.path("cid").asText());
        }
        assertThat(stored).as("exactly what was acknowledged is stored").isEqualTo(acked);
        HttpResponse<String> recovered = node.health();
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(recovered.body()).contains("\"status\":\"ok\"");
    }

    private void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl, "chat", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int pid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        }
    }

    private void releaseHeld() throws SQLException {
        for (Connection connection : held) {
            connection.close();
        }
        held.clear();
    }
}

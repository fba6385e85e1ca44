package chatroom.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import chatroom.server.testing.WsClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol §9 against bursts: failed logins counted when they start, one password check in flight
 * per account and per address, no lock-out of the owner by strangers, the registration limit per
 * address, {@code register {login: true}}, {@code busy} from a full hash queue, and no timeout
 * while the server itself is slow. 127.0.0.2 plays "another address".
 */
class LoginProtectionIntegrationTest {

    private static final String OTHER_ADDRESS = "127.0.0.2";

    @TempDir
    Path dataDir;

    @Test
    void hundredParallelWrongPasswords_areNotAllChecked_andTheRightOneInsideTheBurstIsRefused() {
        try (ServerFixture fixture = new ServerFixture(dataDir)) {
            fixture.connect().register("target", "right-password");
            List<WireClient> attackers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                attackers.add(fixture.connect());
            }
            for (int i = 0; i < 100; i++) {
                attackers.get(i).sendRequest("b" + i, "login", "user", "target",
                        "password", i == 60 ? "right-password" : "guess-" + i);
            }
            List<ObjectNode> replies = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                replies.add(attackers.get(i).replyTo("b" + i));
            }
            Map<String, Long> byCode = replies.stream().collect(Collectors.groupingBy(
                    r -> r.path("type").asText().equals("ok") ? "ok" : r.path("code").asText(), Collectors.counting()));
            long checked = byCode.getOrDefault("ok", 0L) + byCode.getOrDefault("bad_credentials", 0L);
            assertThat(checked).as("password checks in a burst of 100 (one at a time): %s", byCode)
                    .isLessThanOrEqualTo(3);
            assertThat(replies.get(60).path("code").asText()).as("the right password inside the burst")
                    .isEqualTo("rate_limited");
            assertThat(replies).filteredOn(r -> r.path("code").asText().equals("rate_limited"))
                    .allSatisfy(r -> assertThat(r.path("retry_after_ms").asLong()).isPositive());
        }
    }

    @Test
    void aStrangersFailures_neverLockOutTheOwner_norAnotherUserOfThatAddress_norTokenLogins() {
        try (ServerFixture fixture = new ServerFixture(dataDir, b -> b.loginFirstDelayMs(5))) {
            String token = fixture.connectFrom(OTHER_ADDRESS).signUp("owner").path("token").asText();
            fixture.connect().register("neighbour", "password-neighbour");
            for (int i = 0; i < 12; i++) {
                try (WireClient attacker = fixture.connect()) {
                    assertThat(attacker.error("login", "user", "owner", "password", "guess-" + i))
                            .isIn("bad_credentials", "rate_limited");
                }
            }

            ObjectNode owner = fixture.connectFrom(OTHER_ADDRESS).request("login", "user", "owner",
                    "password", "password-owner");
            assertThat(owner.path("type").asText()).as("owner from another address: %s", owner).isEqualTo("ok");

            ObjectNode neighbour = fixture.connect().request("login", "user", "neighbour",
                    "password", "password-neighbour");
            assertThat(neighbour.path("type").asText()).as("another user of the attacker's address: %s", neighbour)
                    .isEqualTo("ok");

            long start = System.nanoTime();
            ObjectNode byToken = fixture.connect().request("login", "token", token);
            assertThat(byToken.path("type").asText()).as("token login: %s", byToken).isEqualTo("ok");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void sixthRegistrationInAMinute_fromOneAddress_isRateLimited_acrossTcpAndWebSocket_butAnotherAddressRegisters() {
        try (ServerFixture fixture = new ServerFixture(dataDir, b -> b.httpPort(0).registrationsPerMinute(5))) {
            WireClient tcp = fixture.connect();
            for (int i = 0; i < 3; i++) {
                tcp.register("tcp" + i, "password-" + i);
            }
            try (WsClient ws = WsClient.connect(fixture.server().httpPort())) {
                ws.ok("register", "user", "ws0", "password", "password-ws0");
                ws.ok("register", "user", "ws1", "password", "password-ws1");
                ObjectNode sixth = ws.request("register", "user", "ws2", "password", "password-ws2");
                assertThat(sixth.path("code").asText()).as("%s", sixth).isEqualTo("rate_limited");
                assertThat(sixth.path("retry_after_ms").asLong()).isPositive();
            }
            ObjectNode seventh = fixture.connect().request("register", "user", "tcp9", "password", "password-9");
            assertThat(seventh.path("code").asText()).as("%s", seventh).isEqualTo("rate_limited");
            assertThat(seventh.path("id").asInt()).isEqualTo(1);

            fixture.connectFrom(OTHER_ADDRESS).register("elsewhere", "password-elsewhere");
        }
    }

    @Test
    void registerWithLoginTrue_answersTheLoginReply_andTheConnectionIsLoggedIn() {
        try (ServerFixture fixture = new ServerFixture(dataDir)) {
            WireClient client = fixture.connect();
            ObjectNode reply = client.ok("register", "user", "小红", "password", "password-小红", "login", true);
            assertThat(reply.path("user").asText()).isEqualTo("小红");
            assertThat(reply.path("token").asText()).isNotBlank();
            assertThat(reply.path("rooms").findValuesAsText("room")).containsExactly("lobby");
            assertThat(client.ok("join", "room", "房间").path("room").asText()).isEqualTo("房间");
            assertThat(fixture.connect().request("login", "token", reply.path("token").asText())
                    .path("type").asText()).isEqualTo("ok");
        }
    }

    @Test
    void fullHashQueue_answersBusyAtOnce_withRetryAfter_andKeepsTheId() {
        try (ServerFixture fixture = new ServerFixture(dataDir,
                b -> b.hashThreads(1).hashQueue(1).registrationsPerMinute(1000))) {
            List<WireClient> clients = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                clients.add(fixture.connect());
            }
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).sendRequest("r" + i, "register", "user", "burst" + i, "password", "password-" + i);
            }
            List<ObjectNode> replies = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                replies.add(clients.get(i).replyTo("r" + i));
            }
            List<ObjectNode> busy = replies.stream().filter(r -> r.path("code").asText().equals("busy")).toList();
            assertThat(busy).as("replies: %s", replies).isNotEmpty();
            assertThat(busy).allSatisfy(r -> {
                assertThat(r.path("retry_after_ms").asLong()).isPositive();
                assertThat(r.path("id").asText()).startsWith("r");
            });
            assertThat(replies).as("every other answer is ok").filteredOn(r -> !r.path("code").asText().equals("busy"))
                    .extracting(r -> r.path("type").asText()).containsOnly("ok");
        }
    }

    @Test
    void loginWaitingOnTheServer_isNotClosedByTheLoginOrIdleTimeout() {
        // The server holds the owner's login back ~4 s (five failures of this account from this
        // address, delays 250 ms doubling): four times the login timeout, twice the idle timeout.
        try (ServerFixture fixture = new ServerFixture(dataDir, b -> b.loginTimeoutS(1).heartbeatS(1).idleTimeoutS(2)
                .loginFailuresBeforeDelay(1).loginFirstDelayMs(250))) {
            fixture.connectFrom(OTHER_ADDRESS).register("patient", "password-patient");
            WireClient guesser = fixture.connect();
            for (int i = 0; i < 5; i++) {
                assertThat(guesser.error("login", "user", "patient", "password", "guess-" + i))
                        .isEqualTo("bad_credentials");
                guesser.request("ping");
            }
            WireClient waiting = fixture.connect();
            long start = System.nanoTime();
            ObjectNode reply = waiting.request("login", "user", "patient", "password", "password-patient");
            assertThat(reply.path("type").asText()).as("%s", reply).isEqualTo("ok");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the answer really was slow")
                    .isGreaterThan(Duration.ofSeconds(2));
            assertThat(waiting.request("ping").path("type").asText()).isEqualTo("pong");
        }
    }
}

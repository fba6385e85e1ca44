package chatroom.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chatroom.server.ChatServer;
import chatroom.testing.Wait;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What tests rely on when they use {@link ChatServerExtension}: the parameters it hands out, and the lifetime of
 * servers, clients and data directories. The lifecycle tests drive a second extension by hand, as JUnit would.
 */
class ChatServerExtensionTest {

    @RegisterExtension
    static final ChatServerExtension server = ChatServerExtension.withConfig(b -> b.rate(1000).burst(1000));
    static ChatServer serverOfTheClass;

    @BeforeAll
    static void rememberTheServer() {
        serverOfTheClass = server.chatServer();
    }

    @Test
    void twoUsersInARoom_areLoggedInMembersOfOneRoom_andHearEachOther(TwoUsersInARoom users) {
        users.alice().ok("send", "room", users.room(), "text", "你好 bob");

        assertThat(users.bob().messageIn(users.room()).path("from").asText()).isEqualTo(users.aliceName());
        List<String> members = new ArrayList<>();
        for (JsonNode member : users.bob().ok("members", "room", users.room()).path("members")) {
            members.add(member.path("user").asText());
        }
        assertThat(members).containsExactlyInAnyOrder(users.aliceName(), users.bobName());
    }

    @Test
    void twoFixtures_onOneServer_shareNoNameAndNoRoom(TwoUsersInARoom first, TwoUsersInARoom second) {
        assertThat(List.of(second.aliceName(), second.bobName()))
                .doesNotContain(first.aliceName(), first.bobName());
        assertThat(second.room()).isNotEqualTo(first.room());
        assertThat(second.alice().error("send", "room", first.room(), "text", "hi")).isEqualTo("not_member");
    }

    @Test
    void wireClientParameter_isWelcomed_butNotLoggedIn(WireClient client) {
        assertThat(client.welcome().path("type").asText()).isEqualTo("welcome");
        assertThat(client.error("rooms")).isEqualTo("unauthenticated");
    }

    @Test
    void chatServerParameter_isTheServerTheClientsReach(ChatServer chatServer, WireClient client) {
        assertThat(chatServer).isSameAs(server.chatServer());
        assertThat(chatServer.connectionCount()).isPositive();
    }

    @Nested
    class InANestedClass {

        @Test
        void theServer_isTheOuterClassServer(ChatServer chatServer) {
            assertThat(chatServer).isSameAs(serverOfTheClass);
        }
    }

    @Test
    void perClass_clientsOfATestCloseAfterIt_theOnesFromBeforeStay_andTheDataDirectoryGoes() throws Exception {
        ChatServerExtension perClass = new ChatServerExtension();
        perClass.beforeAll(null);
        WireClient fromBeforeAll = perClass.user("early");
        perClass.beforeEach(null);
        WireClient fromTheTest = perClass.user("during");
        Path dataDir = perClass.dataDir();

        perClass.afterEach(null);

        Wait.until("the test's client is closed", fromTheTest::isClosed);
        assertThat(fromBeforeAll.request("ping").path("type").asText()).isEqualTo("pong");
        perClass.afterAll(null);
        assertThat(dataDir).doesNotExist();
        assertThatThrownBy(perClass::connect).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void perTest_eachTestGetsAFreshServer_stoppedAfterIt() throws Exception {
        ChatServerExtension perTest = new ChatServerExtension();
        perTest.beforeEach(null);
        perTest.user("first-run");
        Path firstData = perTest.dataDir();
        perTest.afterEach(null);
        assertThat(firstData).doesNotExist();

        perTest.beforeEach(null);
        try {
            assertThat(perTest.dataDir()).isNotEqualTo(firstData);
            assertThat(perTest.connect().error("login", "user", "first-run", "password", "password-first-run"))
                    .as("the first run's account is gone").isEqualTo("bad_credentials");
        } finally {
            perTest.afterEach(null);
        }
    }
}

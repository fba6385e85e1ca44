package chatroom.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the two-node contract run rests on: the extension on two cluster nodes spreads its clients over both, so
 * that the contract tests' users talk to each other across nodes. Runs on two nodes whatever
 * {@code chat.test.nodes} says (skipped without PostgreSQL or Redis).
 */
class ChatServerExtensionTwoNodesTest {

    @RegisterExtension
    static final ChatServerExtension cluster = ChatServerExtension.onTwoNodes(b -> b);

    @Test
    void twoUsersInARoom_areOnDifferentNodes_andHearEachOther(TwoUsersInARoom users) {
        List<Integer> ports = cluster.ports();
        assertThat(ports).hasSize(2).doesNotHaveDuplicates();
        assertThat(users.alice().serverPort()).as("alice on node a").isEqualTo(ports.get(0));
        assertThat(users.bob().serverPort()).as("bob on node b").isEqualTo(ports.get(1));

        users.alice().ok("send", "room", users.room(), "text", "跨节点 hello");
        assertThat(users.bob().messageIn(users.room()).path("text").asText()).isEqualTo("跨节点 hello");
    }

    @Test
    void clients_alternateBetweenTheNodes_startingAtNodeAInEveryTest(WireClient first, WireClient second) {
        List<Integer> ports = cluster.ports();
        WireClient third = cluster.connect();
        WireClient fourth = cluster.user("alternating");
        assertThat(List.of(first, second, third, fourth)).extracting(WireClient::serverPort)
                .containsExactly(ports.get(0), ports.get(1), ports.get(0), ports.get(1));
        assertThat(cluster.userOnNodeOf(second, "beside_second").serverPort()).isEqualTo(ports.get(1));
    }

    @Test
    void aUserLoggedInOnBothNodes_getsEventsOnBoth() {
        WireClient onA = cluster.user("both_nodes");
        WireClient onB = cluster.connect();
        onB.login("both_nodes", WireClient.passwordOf("both_nodes"));
        WireClient other = cluster.user("sender_on_a");
        other.ok("send", "to", "both_nodes", "text", "两个节点都收到");
        for (WireClient session : List.of(onA, onB)) {
            assertThat(session.event(e -> "两个节点都收到".equals(e.path("text").asText())).path("from").asText())
                    .isEqualTo("sender_on_a");
        }
    }
}

package chatroom.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contract §9: join, leave, topic and invite share one token bucket per session (default 5 a
 * second, bursts of 10); the excess is rate_limited and nothing of it happens.
 */
class RoomOpRateLimitIntegrationTest {

    /** The default burst, plus what the bucket may refill while a burst of requests is in flight. */
    private static final int MOST_ALLOWED = 12;

    @RegisterExtension
    static final ChatServerExtension server = new ChatServerExtension();

    /** Sends every request at once, then collects the reply codes ("ok" or the error code) in order. */
    private static List<String> burst(WireClient client, List<ObjectNode> requests) {
        int firstId = 1000;
        for (int i = 0; i < requests.size(); i++) {
            client.send(requests.get(i).put("id", firstId + i));
        }
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            ObjectNode reply = client.replyTo(firstId + i);
            outcomes.add("ok".equals(reply.path("type").asText()) ? "ok" : reply.path("code").asText());
        }
        return outcomes;
    }

    @Test
    void joinLeaveBurst_isRateLimited_andMembersSeeOnlyTheAllowedPresence() {
        WireClient watcher = server.user("watcher");
        watcher.ok("join", "room", "noise");
        WireClient noisy = server.user("noisy");
        List<ObjectNode> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(noisy.message(i % 2 == 0 ? "join" : "leave", "room", "noise"));
        }

        List<String> outcomes = burst(noisy, requests);

        assertThat(outcomes).contains("rate_limited").allMatch(o -> List.of("ok", "rate_limited", "not_member").contains(o));
        long allowed = outcomes.stream().filter("ok"::equals).count();
        assertThat(allowed).isBetween(1L, (long) MOST_ALLOWED);
        // a later join on noisy's node orders after every presence of the burst: the watcher has seen them all
        server.userOnNodeOf(noisy, "marker").ok("join", "room", "noise");
        watcher.event(e -> "presence".equals(e.path("type").asText()) && "marker".equals(e.path("user").asText()));
        long presences = watcher.drain(Duration.ZERO).stream()
                .filter(e -> "presence".equals(e.path("type").asText()) && "noisy".equals(e.path("user").asText())
                        && List.of("join", "leave").contains(e.path("event").asText()))
                .count();
        assertThat(presences).as("presence events of the burst").isEqualTo(allowed);
    }

    @Test
    void topicBurst_isRateLimitedAfterTheBurst_andTheRefusedTopicsAreNotSet() {
        WireClient owner = server.user("topical");
        owner.ok("join", "room", "topics");
        List<ObjectNode> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(owner.message("topic", "room", "topics", "topic", "topic " + i + " 话题"));
        }

        List<String> outcomes = burst(owner, requests);

        long allowed = outcomes.stream().filter("ok"::equals).count();
        assertThat(allowed).isBetween(9L, (long) MOST_ALLOWED - 1); // the join took a token
        assertThat(outcomes.subList(0, 9)).containsOnly("ok");
        assertThat(outcomes.get(outcomes.size() - 1)).isEqualTo("rate_limited");
        String lastAllowed = "topic " + outcomes.lastIndexOf("ok") + " 话题";
        List<ObjectNode> rooms = new ArrayList<>();
        server.userOnNodeOf(owner, "reader").ok("rooms").path("rooms").forEach(r -> rooms.add((ObjectNode) r));
        assertThat(rooms).filteredOn(r -> "topics".equals(r.path("room").asText()))
                .singleElement().satisfies(r -> assertThat(r.path("topic").asText()).isEqualTo(lastAllowed));
    }

    @Test
    void sends_areNotCountedByTheRoomBucket() {
        WireClient talker = server.user("talker");
        List<ObjectNode> requests = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            requests.add(talker.message("send", "room", "lobby", "text", "hi " + i));
        }
        assertThat(burst(talker, requests)).containsOnly("ok");
        assertThat(talker.request("join", "room", "after-sends").path("type").asText()).isEqualTo("ok");
    }
}

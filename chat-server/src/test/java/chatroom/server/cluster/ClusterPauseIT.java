package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chatroom.server.testing.ServerProcess;
import chatroom.server.testing.TwoNodeProcesses;
import chatroom.server.testing.WireClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged server processes form a cluster; node a is frozen with SIGSTOP for longer than the
 * presence timeout (a node's entry outlives its last heartbeat by 15 s), then resumed with SIGCONT.
 * Meanwhile node b's users see a's users go offline, and b keeps storing. After the resume a's users
 * are online again for b, a's readers get what b stored meanwhile, every seq once and in order, and
 * what a publishes on waking (its online list) does not undo what b's users did meanwhile.
 */
class ClusterPauseIT {

    private static final String ROOM = "停顿";
    /** The presence timeout (15 s) plus a heartbeat (3 s) and some slack for a busy machine. */
    private static final Duration PRESENCE_TIMEOUT = Duration.ofSeconds(25);

    @TempDir
    Path dataA;
    @TempDir
    Path dataB;

    @Test
    void aNodePausedLongerThanThePresenceTimeout_goesOfflineForTheOther_andComesBackWithNothingMissed() throws Exception {
        try (TwoNodeProcesses cluster = TwoNodeProcesses.start(dataA, dataB)) { // closing resumes a frozen node a
            run(cluster.a(), cluster.b());
        }
    }

    private void run(ServerProcess a, ServerProcess b) throws Exception {
        WireClient alice = WireClient.connect(a.port());
        alice.signUp("alice");
        alice.ok("join", "room", ROOM);
        WireClient bob = WireClient.connect(b.port());
        bob.signUp("bob");
        WireClient carol = WireClient.connect(b.port());
        carol.signUp("carol");
        for (WireClient onB : List.of(bob, carol)) {
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> onB.ok("join", "room", ROOM) != null);
        }
        bob.ok("send", "room", ROOM, "text", "before the pause");
        assertThat(alice.messageIn(ROOM).path("seq").asLong()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(bob.ok("users").path("users").toString()).contains("\"alice\"", "\"carol\""));

        a.pause();
        bob.event(e -> "presence".equals(e.path("type").asText()) && "offline".equals(e.path("event").asText())
                && "alice".equals(e.path("user").asText()), PRESENCE_TIMEOUT);
        assertThat(bob.ok("users").path("users").toString()).doesNotContain("\"alice\"");
        List<Long> acked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            acked.add(bob.ok("send", "room", ROOM, "text", "消息 while a is frozen " + i).path("seq").asLong());
        }
        assertThat(acked).containsExactly(2L, 3L, 4L, 5L, 6L);
        carol.close(); // newer state than node a's last view: carol went offline while a was frozen

        a.resume();
        assertThat(alice.messageSeqsIn(ROOM, 5, Duration.ofSeconds(30)))
                .as("alice gets every seq stored meanwhile, once, in order").containsExactly(2L, 3L, 4L, 5L, 6L);
        bob.event(e -> "presence".equals(e.path("type").asText()) && "online".equals(e.path("event").asText())
                && "alice".equals(e.path("user").asText()), Duration.ofSeconds(15));
        assertThat(bob.ok("users").path("users").toString()).contains("\"alice\"");
        // node a's view catches up with b's: carol, who left while a was frozen, is not brought back
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(alice.ok("users").path("users").toString()).contains("\"bob\"").doesNotContain("\"carol\""));
        assertThat(bob.ok("users").path("users").toString()).doesNotContain("\"carol\"");

        // live delivery both ways
        long fromA = alice.ok("send", "room", ROOM, "text", "醒了").path("seq").asLong();
        assertThat(fromA).isEqualTo(7);
        assertThat(bob.event(e -> "message".equals(e.path("type").asText()) && e.path("seq").asLong() == fromA)
                .path("text").asText()).isEqualTo("醒了");
        alice.close();
        bob.close();
    }
}

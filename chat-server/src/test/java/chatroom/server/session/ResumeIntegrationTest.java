package chatroom.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServers;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Resume after a reconnect and after a restart: no gap, no duplicate, nothing acknowledged lost. */
class ResumeIntegrationTest {

    @Test
    void joinWithSince_pushesExactlyTheMissedMessages_rightAfterTheReply() {
        try (ChatServers fixture = ChatServers.start(b -> b)) {
            WireClient reader = fixture.user("reader");
            WireClient writer = fixture.user("writer");
            reader.ok("join", "room", "news");
            writer.ok("join", "room", "news");
            writer.ok("send", "room", "news", "text", "m1");
            writer.ok("send", "room", "news", "text", "m2");
            long seen = reader.messageIn("news").path("seq").asLong();
            seen = Math.max(seen, reader.messageIn("news").path("seq").asLong());
            reader.close();
            for (int i = 3; i <= 7; i++) {
                writer.ok("send", "room", "news", "text", "m" + i);
            }

            WireClient back = fixture.connect();
            ObjectNode login = back.login("reader", "password-reader");
            long reported = 0;
            for (var room : login.path("rooms")) {
                if (room.path("room").asText().equals("news")) {
                    reported = room.path("seq").asLong();
                }
            }
            assertThat(reported).isEqualTo(7);
            back.send(back.message("join", "id", "j", "room", "news", "since", seen));
            List<ObjectNode> frames = back.drain(Duration.ofSeconds(2));
            List<String> order = new ArrayList<>();
            for (ObjectNode f : frames) {
                if ("j".equals(f.path("id").asText())) {
                    order.add("ok");
                } else if ("message".equals(f.path("type").asText()) && "news".equals(f.path("room").asText())) {
                    order.add(f.path("text").asText());
                }
            }
            assertThat(order).containsExactly("ok", "m3", "m4", "m5", "m6", "m7");
        }
    }

    @Test
    void resumeWhileMessagesKeepArriving_hasNoGapAndNoDuplicate() throws Exception {
        try (ChatServers fixture = ChatServers.start(b -> b.rate(1000).burst(1000))) {
            WireClient reader = fixture.connect();
            String token = reader.signUp("steady").path("token").asText();
            WireClient writer = fixture.user("busy");
            reader.ok("join", "room", "stream");
            writer.ok("join", "room", "stream");
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(1);
            Thread sender = new Thread(() -> {
                int n = 0;
                while (!stop.get() && n < 400) {
                    writer.ok("send", "room", "stream", "text", "s" + ++n);
                    started.countDown();
                }
            });
            sender.start();
            started.await();
            List<Long> got = new ArrayList<>();
            ObjectNode m = reader.messageIn("stream");
            got.add(m.path("seq").asLong());
            reader.close();

            WireClient back = fixture.connect();
            back.ok("login", "token", token);
            back.ok("join", "room", "stream", "since", got.get(got.size() - 1));
            stop.set(true);
            sender.join();
            long last = writer.ok("history", "room", "stream", "limit", 1).path("messages").get(0).path("seq").asLong();
            while (got.get(got.size() - 1) < last) {
                got.add(back.messageIn("stream").path("seq").asLong());
            }
            for (int i = 1; i < got.size(); i++) {
                assertThat(got.get(i)).as("after %s", got.subList(0, i)).isEqualTo(got.get(i - 1) + 1);
            }
            assertThat(back.drain(Duration.ofMillis(300))).noneMatch(e -> "stream".equals(e.path("room").asText()));
        }
    }

    @Test
    void restart_keepsUsersTokensRoomsTopicsMessagesAndSeq() {
        String token;
        try (ChatServers fixture = ChatServers.start(b -> b)) {
            WireClient a = fixture.connect();
            token = a.signUp("persist").path("token").asText();
            a.ok("join", "room", "vault");
            a.ok("topic", "room", "vault", "topic", "kept");
            a.ok("send", "room", "vault", "text", "before restart 重启前");
            a.ok("send", "to", "persist", "text", "note to self");

            fixture.restart();
            assertThat(a.untilClosed(Duration.ofSeconds(5))).anySatisfy(e -> {
                assertThat(e.path("type").asText()).isEqualTo("bye");
                assertThat(e.path("reason").asText()).isEqualTo("server_shutdown");
            });

            WireClient b = fixture.connect();
            ObjectNode login = b.ok("login", "token", token);
            assertThat(login.path("rooms").toString()).contains("\"vault\"");
            ObjectNode join = b.ok("join", "room", "vault");
            assertThat(join.path("topic").asText()).isEqualTo("kept");
            assertThat(join.path("seq").asLong()).isEqualTo(1);
            assertThat(b.ok("history", "room", "vault").path("messages").get(0).path("text").asText())
                    .isEqualTo("before restart 重启前");
            assertThat(b.ok("send", "room", "vault", "text", "after").path("seq").asLong()).isEqualTo(2);
            assertThat(b.ok("send", "to", "persist", "text", "again").path("seq").asLong()).isEqualTo(2);
            assertThat(fixture.connect().login("persist", "password-persist").path("user").asText()).isEqualTo("persist");
        }
    }
}

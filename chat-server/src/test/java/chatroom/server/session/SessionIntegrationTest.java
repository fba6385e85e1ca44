package chatroom.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** §3 of the contract: welcome, register, login, logout, ping, unauthenticated, ids and reply order. */
class SessionIntegrationTest {

    @RegisterExtension
    static final ChatServerExtension server = new ChatServerExtension();

    @Test
    void connect_sendsWelcomeFirst_withProtocolAndLimits(WireClient client) {
        ObjectNode welcome = client.welcome();
        assertThat(welcome.path("type").asText()).isEqualTo("welcome");
        assertThat(welcome.path("protocol").asInt()).isEqualTo(2);
        assertThat(welcome.path("server").asText()).startsWith("chatroom/");
        assertThat(welcome.path("max_frame").asInt()).isEqualTo(65536);
        assertThat(welcome.path("heartbeat_s").asInt()).isEqualTo(30);
        assertThat(welcome.path("idle_timeout_s").asInt()).isEqualTo(90);
    }

    @Test
    void register_answersUser_andRefusesTakenInvalidAndWeak(WireClient c) {
        assertThat(c.register("Carol", "password1").path("user").asText()).isEqualTo("Carol");
        assertThat(c.error("register", "user", "carol", "password", "password1")).isEqualTo("user_exists");
        assertThat(c.error("register", "user", "", "password", "password1")).isEqualTo("invalid_name");
        assertThat(c.error("register", "user", "x".repeat(33), "password", "password1")).isEqualTo("invalid_name");
        assertThat(c.error("register", "user", "two words", "password", "password1")).isEqualTo("invalid_name");
        assertThat(c.error("register", "user", "a/b", "password", "password1")).isEqualTo("invalid_name");
        assertThat(c.error("register", "user", "dave", "password", "short")).isEqualTo("weak_password");
        assertThat(c.register("x".repeat(32), "password1").path("user").asText()).hasSize(32);
    }

    @Test
    void login_withPassword_returnsTokenAndRooms_thenTokenLoginWorks(WireClient c) {
        c.register("erin", "password1");
        ObjectNode ok = c.login("ERIN", "password1");
        assertThat(ok.path("user").asText()).isEqualTo("erin");
        String token = ok.path("token").asText();
        assertThat(token).hasSizeGreaterThanOrEqualTo(22);
        assertThat(ok.path("rooms")).hasSize(1);
        assertThat(ok.path("rooms").get(0).path("room").asText()).isEqualTo("lobby");
        assertThat(ok.path("rooms").get(0).has("seq")).isTrue();

        WireClient again = server.connect();
        assertThat(again.ok("login", "token", token).path("user").asText()).isEqualTo("erin");
    }

    @Test
    void login_failures_haveTheirCodes(WireClient c) {
        c.register("frank", "password1");
        assertThat(c.error("login", "user", "frank", "password", "wrong-password")).isEqualTo("bad_credentials");
        assertThat(c.error("login", "user", "nobody", "password", "password1")).isEqualTo("bad_credentials");
        assertThat(c.error("login", "token", "not-a-token")).isEqualTo("bad_token");
        assertThat(c.error("login")).isEqualTo("bad_request");
    }

    @Test
    void beforeLogin_onlyRegisterLoginAndPingAreServed(WireClient c) {
        for (String type : List.of("join", "leave", "rooms", "members", "users", "topic", "send", "history",
                "logout", "kick", "ban", "unban")) {
            assertThat(c.error(type, "room", "lobby", "text", "hi", "user", "x")).as(type).isEqualTo("unauthenticated");
        }
        assertThat(c.request("ping").path("type").asText()).isEqualTo("pong");
    }

    @Test
    void ping_echoesIdAndT_forStringAndIntegerIds(WireClient c) {
        c.send(c.message("ping", "id", "abc", "t", 12345));
        ObjectNode pong = c.replyTo("abc");
        assertThat(pong.path("type").asText()).isEqualTo("pong");
        assertThat(pong.path("id").isTextual()).isTrue();
        assertThat(pong.path("t").asLong()).isEqualTo(12345);
        c.send(c.message("ping", "id", 77));
        assertThat(c.replyTo(77).path("id").isInt()).isTrue();
    }

    @Test
    void pipelinedRequests_areAnsweredInRequestOrder(WireClient c) {
        byte[][] frames = new byte[][] {
                WireClient.frame("{\"type\":\"register\",\"id\":1,\"user\":\"gina\",\"password\":\"password1\"}".getBytes(StandardCharsets.UTF_8)),
                WireClient.frame("{\"type\":\"ping\",\"id\":2}".getBytes(StandardCharsets.UTF_8)),
                WireClient.frame("{\"type\":\"login\",\"id\":3,\"user\":\"gina\",\"password\":\"password1\"}".getBytes(StandardCharsets.UTF_8)),
                WireClient.frame("{\"type\":\"join\",\"id\":4,\"room\":\"order\"}".getBytes(StandardCharsets.UTF_8)),
                WireClient.frame("{\"type\":\"nope\",\"id\":5}".getBytes(StandardCharsets.UTF_8)),
                WireClient.frame("{\"type\":\"send\",\"id\":6,\"room\":\"order\",\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8)),
                WireClient.frame("{\"type\":\"ping\",\"id\":7}".getBytes(StandardCharsets.UTF_8))};
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] frame : frames) {
            all.writeBytes(frame);
        }
        c.sendRaw(all.toByteArray());
        List<Integer> replyIds = new java.util.ArrayList<>();
        while (replyIds.size() < 7) {
            ObjectNode frame = c.event(e -> e.has("id"));
            replyIds.add(frame.path("id").asInt());
        }
        assertThat(replyIds).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void logout_answersOk_saysByeLogout_closes_andRevokesTheToken(WireClient c) {
        String token = c.signUp("hank").path("token").asText();
        c.send(c.message("logout", "id", 1));
        List<ObjectNode> last = c.untilClosed(Duration.ofSeconds(5));
        assertThat(last).extracting(n -> n.path("type").asText()).containsExactly("ok", "bye");
        assertThat(last.get(1).path("reason").asText()).isEqualTo("logout");

        assertThat(server.connect().error("login", "token", token)).isEqualTo("bad_token");
    }

    @Test
    void severalSessionsOfOneUser_allGetEvents() {
        WireClient phone = server.user("ivy");
        WireClient laptop = server.connect();
        laptop.login("ivy", "password-ivy");
        WireClient other = server.user("jack");
        other.ok("send", "room", "lobby", "text", "hello both");
        assertThat(phone.event(e -> "hello both".equals(e.path("text").asText())).path("from").asText()).isEqualTo("jack");
        assertThat(laptop.event(e -> "hello both".equals(e.path("text").asText())).path("from").asText()).isEqualTo("jack");
    }

    @Test
    void sendsWrittenAtOnce_withOtherRequestsBetween_areAnsweredAndNumberedInRequestOrder() {
        WireClient c = server.user("pipe");
        c.ok("join", "room", "流水线");
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        List<Integer> ids = new java.util.ArrayList<>();
        for (int id = 100; id < 130; id++) {
            ObjectNode request = switch (id) {
                case 110 -> c.message("members", "id", id, "room", "流水线");
                case 115 -> c.message("send", "id", id, "room", "流水线", "text", "");
                case 120 -> c.message("send", "id", id, "room", "nowhere", "text", "lost");
                case 125 -> c.message("ping", "id", id);
                default -> c.message("send", "id", id, "room", "流水线", "text", "消息 " + id);
            };
            all.writeBytes(WireClient.frame(request.toString().getBytes(StandardCharsets.UTF_8)));
            ids.add(id);
        }
        c.sendRaw(all.toByteArray());

        List<ObjectNode> replies = new java.util.ArrayList<>();
        while (replies.size() < ids.size()) {
            replies.add(c.event(e -> e.has("id")));
        }
        assertThat(replies).extracting(r -> r.path("id").asInt()).containsExactlyElementsOf(ids);
        assertThat(replies.get(10).path("type").asText()).isEqualTo("ok");
        assertThat(replies.get(15).path("code").asText()).isEqualTo("bad_request");
        assertThat(replies.get(20).path("code").asText()).isEqualTo("no_such_room");
        assertThat(replies.get(25).path("type").asText()).isEqualTo("pong");
        java.util.Set<Integer> notStored = java.util.Set.of(110, 115, 120, 125);
        List<Long> seqs = replies.stream().filter(r -> !notStored.contains(r.path("id").asInt()))
                .map(r -> r.path("seq").asLong()).toList();
        assertThat(seqs).hasSize(26);
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("seqs follow request order").isEqualTo(seqs.get(i - 1) + 1);
        }
        List<String> texts = new java.util.ArrayList<>();
        while (texts.size() < 26) {
            texts.add(c.messageIn("流水线").path("text").asText());
        }
        assertThat(texts).first().isEqualTo("消息 100");
        assertThat(texts).last().isEqualTo("消息 129");
    }
}

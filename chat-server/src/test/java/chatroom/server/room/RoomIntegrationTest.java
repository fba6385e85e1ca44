package chatroom.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** §4 rooms: join, leave, presence, rooms, members, users, topic. */
class RoomIntegrationTest {

    @TempDir
    static Path dataDir;
    static ServerFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ServerFixture(dataDir);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static boolean presence(ObjectNode e, String room, String user, String event) {
        return "presence".equals(e.path("type").asText()) && room.equals(e.path("room").asText())
                && user.equals(e.path("user").asText()) && event.equals(e.path("event").asText());
    }

    @Test
    void join_createsTheRoom_andAnswersTopicMembersSeq() {
        WireClient owner = fixture.user("r_owner");
        ObjectNode ok = owner.ok("join", "room", "garden");
        assertThat(ok.path("room").asText()).isEqualTo("garden");
        assertThat(ok.path("topic").asText()).isEmpty();
        assertThat(ok.path("members").asInt()).isEqualTo(1);
        assertThat(ok.path("seq").asLong()).isZero();

        WireClient guest = fixture.user("r_guest");
        assertThat(guest.ok("join", "room", "GARDEN").path("members").asInt()).isEqualTo(2);
        owner.event(e -> presence(e, "garden", "r_guest", "join"));
    }

    @Test
    void join_invalidRoomName_isInvalidName() {
        WireClient c = fixture.user("r_bad");
        assertThat(c.error("join", "room", "no spaces")).isEqualTo("invalid_name");
        assertThat(c.error("join", "room", "x".repeat(65))).isEqualTo("invalid_name");
        assertThat(c.error("join")).isEqualTo("bad_request");
    }

    @Test
    void leave_tellsTheOthers_andEndsMembership() {
        WireClient a = fixture.user("l_a");
        WireClient b = fixture.user("l_b");
        a.ok("join", "room", "porch");
        b.ok("join", "room", "porch");
        b.ok("leave", "room", "porch");
        a.event(e -> presence(e, "porch", "l_b", "leave"));
        assertThat(b.error("send", "room", "porch", "text", "still here?")).isEqualTo("not_member");
        assertThat(b.error("leave", "room", "porch")).isEqualTo("not_member");
        assertThat(b.error("leave", "room", "nowhere")).isEqualTo("no_such_room");
    }

    @Test
    void onlineAndOffline_areAnnouncedWhenFirstSessionOpensAndLastCloses() {
        WireClient watcher = fixture.user("p_watch");
        watcher.ok("join", "room", "hall");
        WireClient first = fixture.user("p_mover");
        first.ok("join", "room", "hall");
        WireClient second = fixture.connect();
        second.login("p_mover", "password-p_mover");
        first.close();
        second.request("ping");
        second.close();
        watcher.event(e -> presence(e, "hall", "p_mover", "offline"));

        WireClient back = fixture.connect();
        back.login("p_mover", "password-p_mover");
        watcher.event(e -> presence(e, "hall", "p_mover", "online"));
    }

    @Test
    void rooms_listsRoomsWithMemberCountsMostPopulatedFirst() {
        WireClient a = fixture.user("q_a");
        WireClient b = fixture.user("q_b");
        a.ok("join", "room", "big");
        b.ok("join", "room", "big");
        a.ok("join", "room", "small");
        JsonNode rooms = a.ok("rooms").path("rooms");
        List<String> names = new ArrayList<>();
        int previous = Integer.MAX_VALUE;
        for (JsonNode room : rooms) {
            names.add(room.path("room").asText());
            assertThat(room.path("members").asInt()).isLessThanOrEqualTo(previous);
            assertThat(room.has("topic")).isTrue();
            previous = room.path("members").asInt();
        }
        assertThat(names).contains("lobby", "big", "small");
        assertThat(names.indexOf("big")).isLessThan(names.indexOf("small"));
    }

    @Test
    void members_listsOnlineFirst_andRefusesNonMembers() {
        WireClient a = fixture.user("m_a");
        WireClient b = fixture.user("m_b");
        a.ok("join", "room", "club");
        b.ok("join", "room", "club");
        b.close();
        WireClient c = fixture.user("m_c");
        c.ok("join", "room", "club");
        a.event(e -> presence(e, "club", "m_b", "offline"));

        ObjectNode ok = a.ok("members", "room", "club");
        assertThat(ok.path("room").asText()).isEqualTo("club");
        assertThat(ok.path("more").asBoolean()).isFalse();
        List<String> order = new ArrayList<>();
        for (JsonNode m : ok.path("members")) {
            order.add(m.path("user").asText() + ":" + m.path("online").asBoolean());
        }
        assertThat(order).containsExactly("m_a:true", "m_c:true", "m_b:false");

        WireClient outsider = fixture.user("m_out");
        assertThat(outsider.error("members", "room", "club")).isEqualTo("not_member");
        assertThat(outsider.error("members", "room", "no-club")).isEqualTo("no_such_room");
    }

    @Test
    void users_listsWhoIsOnline() {
        WireClient a = fixture.user("u_a");
        WireClient b = fixture.user("u_b");
        List<String> users = new ArrayList<>();
        a.ok("users").path("users").forEach(u -> users.add(u.asText()));
        assertThat(users).contains("u_a", "u_b");
        b.close();
        a.event(e -> presence(e, "lobby", "u_b", "offline"));
        List<String> after = new ArrayList<>();
        a.ok("users").path("users").forEach(u -> after.add(u.asText()));
        assertThat(after).contains("u_a").doesNotContain("u_b");
    }

    @Test
    void topic_isSetByAMember_andEveryMemberGetsTheEvent() {
        WireClient a = fixture.user("t_a");
        WireClient b = fixture.user("t_b");
        a.ok("join", "room", "study");
        b.ok("join", "room", "study");
        b.ok("topic", "room", "study", "topic", "期末复习");
        for (WireClient member : List.of(a, b)) {
            ObjectNode event = member.event(e -> "topic".equals(e.path("type").asText()));
            assertThat(event.path("room").asText()).isEqualTo("study");
            assertThat(event.path("topic").asText()).isEqualTo("期末复习");
            assertThat(event.path("by").asText()).isEqualTo("t_b");
        }
        assertThat(a.ok("join", "room", "study").path("topic").asText()).isEqualTo("期末复习");
        WireClient outsider = fixture.user("t_out");
        assertThat(outsider.error("topic", "room", "study", "topic", "mine")).isEqualTo("not_member");
    }

    @Test
    void everyUser_isAMemberOfTheLobbyFromRegistration() {
        WireClient c = fixture.user("lobbyist");
        assertThat(c.ok("history", "room", "lobby").path("room").asText()).isEqualTo("lobby");
        assertThat(c.ok("members", "room", "lobby").path("members").toString()).contains("lobbyist");
    }
}

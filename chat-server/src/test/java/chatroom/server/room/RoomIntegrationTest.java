package chatroom.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.TwoUsersInARoom;
import chatroom.server.testing.WireClient;
import chatroom.testing.Wait;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** §4 rooms: join, leave, presence, rooms, members, users, topic. */
class RoomIntegrationTest {

    @RegisterExtension
    static final ChatServerExtension server = new ChatServerExtension();

    private static boolean presence(ObjectNode e, String room, String user, String event) {
        return "presence".equals(e.path("type").asText()) && room.equals(e.path("room").asText())
                && user.equals(e.path("user").asText()) && event.equals(e.path("event").asText());
    }

    @Test
    void join_createsTheRoom_andAnswersTopicMembersSeq() {
        WireClient owner = server.user("r_owner");
        ObjectNode ok = owner.ok("join", "room", "garden");
        assertThat(ok.path("room").asText()).isEqualTo("garden");
        assertThat(ok.path("topic").asText()).isEmpty();
        assertThat(ok.path("members").asInt()).isEqualTo(1);
        assertThat(ok.path("seq").asLong()).isZero();

        WireClient guest = server.user("r_guest");
        assertThat(guest.ok("join", "room", "GARDEN").path("members").asInt()).isEqualTo(2);
        owner.event(e -> presence(e, "garden", "r_guest", "join"));
    }

    @Test
    void join_invalidRoomName_isInvalidName() {
        WireClient c = server.user("r_bad");
        assertThat(c.error("join", "room", "no spaces")).isEqualTo("invalid_name");
        assertThat(c.error("join", "room", "x".repeat(65))).isEqualTo("invalid_name");
        assertThat(c.error("join")).isEqualTo("bad_request");
    }

    @Test
    void leave_tellsTheOthers_andEndsMembership(TwoUsersInARoom users) {
        WireClient a = users.alice();
        WireClient b = users.bob();
        b.ok("leave", "room", users.room());
        a.event(e -> presence(e, users.room(), users.bobName(), "leave"));
        assertThat(b.error("send", "room", users.room(), "text", "still here?")).isEqualTo("not_member");
        assertThat(b.error("leave", "room", users.room())).isEqualTo("not_member");
        assertThat(b.error("leave", "room", "nowhere")).isEqualTo("no_such_room");
    }

    @Test
    void onlineAndOffline_areAnnouncedWhenFirstSessionOpensAndLastCloses() {
        WireClient watcher = server.user("p_watch");
        watcher.ok("join", "room", "hall");
        WireClient first = server.user("p_mover");
        first.ok("join", "room", "hall");
        WireClient second = server.connect();
        second.login("p_mover", "password-p_mover");
        first.close();
        second.request("ping");
        second.close();
        watcher.event(e -> presence(e, "hall", "p_mover", "offline"));

        WireClient back = server.connect();
        back.login("p_mover", "password-p_mover");
        watcher.event(e -> presence(e, "hall", "p_mover", "online"));
    }

    @Test
    void rooms_listsRoomsWithMemberCountsMostPopulatedFirst() {
        WireClient a = server.user("q_a");
        WireClient b = server.user("q_b");
        a.ok("join", "room", "big");
        b.ok("join", "room", "big");
        a.event(e -> presence(e, "big", "q_b", "join")); // a's node knows b's membership (two nodes: a Redis hop)
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
        WireClient a = server.user("m_a");
        WireClient b = server.user("m_b");
        a.ok("join", "room", "club");
        b.ok("join", "room", "club");
        b.close();
        WireClient c = server.user("m_c");
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

        WireClient outsider = server.user("m_out");
        assertThat(outsider.error("members", "room", "club")).isEqualTo("not_member");
        assertThat(outsider.error("members", "room", "no-club")).isEqualTo("no_such_room");
    }

    @Test
    void users_listsWhoIsOnline() {
        WireClient a = server.user("u_a");
        WireClient b = server.user("u_b");
        // on two nodes, a's node hears of b's login through Redis, a moment after b's ok
        Wait.until("u_b is listed online", () -> onlineUsers(a).contains("u_b"));
        assertThat(onlineUsers(a)).contains("u_a", "u_b");
        b.close();
        a.event(e -> presence(e, "lobby", "u_b", "offline"));
        List<String> after = new ArrayList<>();
        a.ok("users").path("users").forEach(u -> after.add(u.asText()));
        assertThat(after).contains("u_a").doesNotContain("u_b");
    }

    private static List<String> onlineUsers(WireClient client) {
        List<String> users = new ArrayList<>();
        client.ok("users").path("users").forEach(u -> users.add(u.asText()));
        return users;
    }

    @Test
    void topic_isSetByAMember_andEveryMemberGetsTheEvent(TwoUsersInARoom users) {
        WireClient a = users.alice();
        WireClient b = users.bob();
        b.ok("topic", "room", users.room(), "topic", "期末复习");
        for (WireClient member : List.of(a, b)) {
            ObjectNode event = member.event(e -> "topic".equals(e.path("type").asText()));
            assertThat(event.path("room").asText()).isEqualTo(users.room());
            assertThat(event.path("topic").asText()).isEqualTo("期末复习");
            assertThat(event.path("by").asText()).isEqualTo(users.bobName());
        }
        assertThat(a.ok("join", "room", users.room()).path("topic").asText()).isEqualTo("期末复习");
        WireClient outsider = server.user("t_out");
        assertThat(outsider.error("topic", "room", users.room(), "topic", "mine")).isEqualTo("not_member");
    }

    @Test
    void everyUser_isAMemberOfTheLobbyFromRegistration() {
        WireClient c = server.user("lobbyist");
        assertThat(c.ok("history", "room", "lobby").path("room").asText()).isEqualTo("lobby");
        assertThat(c.ok("members", "room", "lobby").path("members").toString()).contains("lobbyist");
    }
}

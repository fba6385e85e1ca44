package chatroom.server.irc;

import chatroom.server.testing.IrcClient;
import com.fasterxml.jackson.databind.JsonNode;
import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.WireClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * §4 membership lasts across sessions, so an IRC client is put into its rooms on registration, as
 * a bouncer does: JOIN, topic and names for each, then (without chathistory) the unread messages.
 */
class IrcAutoJoinIntegrationTest {

    @RegisterExtension
    static final ChatServerExtension server =
            ChatServerExtension.withConfig(b -> b.rate(1000).burst(1000).irc(new IrcConfig(0, "")));

    private static IrcClient irc() {
        return IrcClient.connect(server.chatServer().ircPort());
    }

    /** Both join {@code room}; the member logs out, then the friend says {@code text}. Returns the friend. */
    private static WireClient friendSaysWhileMemberIsAway(String friendName, String memberName, String room,
                                                          String text) {
        WireClient friend = server.user(friendName);
        friend.ok("join", "room", room);
        WireClient member = server.user(memberName);
        member.ok("join", "room", room);
        member.ok("logout");
        friend.ok("send", "room", room, "text", text);
        return friend;
    }

    @Test
    void registration_joinsTheAccountsRooms_withTopicNamesAndUnreadMessages() {
        WireClient friend = friendSaysWhileMemberIsAway("书友", "读者", "书房", "第一回 while you were away");
        friend.ok("topic", "room", "书房", "topic", "今天读《红楼梦》");

        try (IrcClient client = irc().passLogin("读者", "password-读者")) {
            assertThat(client.awaitCommand("JOIN", "#书房")).isEqualTo(":读者!读者@chatroom JOIN #书房");
            assertThat(client.awaitCommand("332", "#书房")).endsWith(":今天读《红楼梦》");
            assertThat(client.awaitCommand("353", "#书房")).contains("@书友", "读者");
            client.awaitCommand("366", "#书房");
            assertThat(client.awaitCommand("JOIN", "#lobby")).isEqualTo(":读者!读者@chatroom JOIN #lobby");
            client.awaitCommand("366", "#lobby");
            assertThat(client.awaitCommand("PRIVMSG", "#书房")).startsWith(":书友!")
                    .endsWith(":第一回 while you were away");

            // a JOIN of a channel the client is already on changes nothing, as on any IRC server
            client.send("JOIN #书房");
            client.send("PING settled");
            client.awaitCommand("PONG", "settled");
            List<String> rest = client.drain(Duration.ofMillis(300));
            assertThat(rest).noneMatch(l -> IrcClient.commandOf(l).equals("JOIN"));
            assertThat(rest).noneMatch(l -> l.contains("第一回"));
        }
    }

    /**
     * A client without {@code draft/read-marker} cannot say what it read: what it was shown counts
     * as read, as a bouncer clears what it played back. A reconnect replays only what it never saw,
     * and the user's other sessions see the marker move, whether the client quits or just drops.
     */
    @Test
    void plainClient_whatItWasShownCountsAsRead_soAReconnectReplaysOnlyWhatItNeverSaw() {
        WireClient friend = friendSaysWhileMemberIsAway("播放者", "听众", "回放", "missed while away");

        long live;
        try (IrcClient client = irc().passLogin("听众", "password-听众")) {
            assertThat(client.awaitCommand("PRIVMSG", "#回放")).endsWith(":missed while away");
            live = friend.ok("send", "room", "回放", "text", "seen live").path("seq").asLong();
            assertThat(client.awaitCommand("PRIVMSG", "#回放")).endsWith(":seen live");
            client.send("QUIT :see you");
            client.awaitClosed();
        }
        WireClient web = server.connect();
        web.login("听众", "password-听众");
        await().atMost(Duration.ofSeconds(10)).until(() -> readMarker(web, "回放") == live);

        long after = friend.ok("send", "room", "回放", "text", "after the quit").path("seq").asLong();
        try (IrcClient client = irc().passLogin("听众", "password-听众")) {
            assertThat(client.awaitCommand("PRIVMSG", "#回放")).endsWith(":after the quit");
            client.send("PING settled");
            client.awaitCommand("PONG", "settled");
            assertThat(client.drain(Duration.ofMillis(300))).noneMatch(l -> l.contains("seen live"));
            // the other session hears of it within the flush delay, while the client stays
            assertThat(web.event(e -> "read".equals(e.path("type").asText()) && e.path("seq").asLong() == after,
                    Duration.ofSeconds(10)).path("room").asText()).isEqualTo("回放");
        } // dropped without QUIT

        try (IrcClient client = irc().passLogin("听众", "password-听众")) {
            client.awaitCommand("366", "#回放");
            client.send("PING settled");
            client.awaitCommand("PONG", "settled");
            assertThat(client.drain(Duration.ofMillis(300))).as("nothing left to replay")
                    .noneMatch(l -> IrcClient.commandOf(l).equals("PRIVMSG"));
        }
    }

    private static long readMarker(WireClient client, String room) {
        for (JsonNode entry : client.ok("conversations").path("conversations")) {
            if (room.equals(entry.path("room").asText())) {
                return entry.path("read").asLong();
            }
        }
        return -1;
    }

    @Test
    void chathistoryClient_isJoined_butGetsNoReplay() {
        friendSaysWhileMemberIsAway("histfriend", "histmember", "histroom", "fetch me with CHATHISTORY");
        try (IrcClient client = irc().saslLogin("histmember", "password-histmember", "draft/chathistory batch")) {
            client.awaitCommand("JOIN", "#histroom");
            client.awaitCommand("366", "#histroom");
            client.send("PING settled");
            client.awaitCommand("PONG", "settled");
            assertThat(client.drain(Duration.ofMillis(300))).noneMatch(l -> l.contains("fetch me"));
        }
    }
    /** A renamed room is another channel name: the client leaves the old one and is on the new one. */
    @Test
    void renamedRoom_movesTheClientToTheNewChannel() {
        WireClient admin = server.user("admin");
        admin.ok("join", "room", "旧名");
        server.user("renamee");
        admin.ok("invite", "room", "旧名", "user", "renamee");
        try (IrcClient client = irc().passLogin("renamee", "password-renamee")) {
            client.awaitCommand("366", "#旧名");
            admin.ok("room_rename", "room", "旧名", "new_name", "新名");
            assertThat(client.awaitCommand("PART", "#旧名")).startsWith(":renamee!").contains("新名");
            assertThat(client.awaitCommand("JOIN", "#新名")).isEqualTo(":renamee!renamee@chatroom JOIN #新名");
            client.awaitCommand("366", "#新名");
            client.send("PRIVMSG #新名 :还在");
            assertThat(admin.event(e -> "message".equals(e.path("type").asText())
                    && "renamee".equals(e.path("from").asText())).path("room").asText()).isEqualTo("新名");
        }
    }
}

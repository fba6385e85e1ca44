package chatroom.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --presence-max-members}: a room of more members announces no one coming online or going
 * offline (in one big room a restart of N users would cost N² events), a smaller room still does,
 * and joining and leaving are announced whatever the size.
 */
class PresenceLimitIntegrationTest {

    private static final int LIMIT = 3;

    @RegisterExtension
    static final ChatServerExtension server = ChatServerExtension.withConfig(b -> b.presenceMaxMembers(LIMIT));

    private static boolean presence(ObjectNode e, String room, String user, String event) {
        return "presence".equals(e.path("type").asText()) && room.equals(e.path("room").asText())
                && user.equals(e.path("user").asText()) && event.equals(e.path("event").asText());
    }

    private static boolean isText(ObjectNode e, String room, String text) {
        return "message".equals(e.path("type").asText()) && room.equals(e.path("room").asText())
                && text.equals(e.path("text").asText());
    }

    @Test
    void aRoomOfMoreMembersThanTheLimit_announcesNoOnlineOrOffline_butASmallerRoomDoes() {
        WireClient watcher = server.user("pl_watch");
        WireClient mover = server.user("pl_mover");
        for (int i = 0; i < LIMIT; i++) {
            server.user("pl_other" + i).close(); // the lobby grows past the limit
        }
        watcher.ok("join", "room", "duo");
        mover.ok("join", "room", "duo");
        watcher.event(e -> presence(e, "duo", "pl_mover", "join"));
        watcher.drain(Duration.ZERO); // what came before: the lobby was small when pl_mover first logged in

        mover.close();
        watcher.event(e -> presence(e, "duo", "pl_mover", "offline"));
        WireClient back = server.connect();
        back.login("pl_mover", WireClient.passwordOf("pl_mover"));
        back.ok("send", "room", "lobby", "text", "back again");
        watcher.event(e -> isText(e, "lobby", "back again"));
        List<ObjectNode> between = watcher.drain(Duration.ZERO);

        assertThat(between).anyMatch(e -> presence(e, "duo", "pl_mover", "online"));
        assertThat(between).noneMatch(e -> presence(e, "lobby", "pl_mover", "offline")
                || presence(e, "lobby", "pl_mover", "online"));

        back.ok("join", "room", "lobby-sized"); // a room of its own, grown past the limit below
        for (int i = 0; i < LIMIT; i++) {
            WireClient other = server.connect();
            other.login("pl_other" + i, WireClient.passwordOf("pl_other" + i));
            other.ok("join", "room", "lobby-sized");
            other.close();
        }
        watcher.ok("join", "room", "lobby-sized");
        back.event(e -> presence(e, "lobby-sized", "pl_watch", "join"));
        watcher.ok("leave", "room", "lobby-sized");
        back.event(e -> presence(e, "lobby-sized", "pl_watch", "leave"));
    }
}

package chatroom.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** A room's whole stored history, read through {@code history} page by page, as the fault tests check it. */
public final class RoomHistory {

    private static final int PAGE = 200;

    private RoomHistory() {
    }

    /** cid → seq of every message stored in {@code room}, read by {@code member}; fails on a cid stored twice. */
    public static Map<String, Long> seqsByCid(WireClient member, String room) {
        Map<String, Long> stored = new HashMap<>();
        long after = 0;
        while (true) {
            JsonNode messages = member.ok("history", "room", room, "after", after, "limit", PAGE).path("messages");
            for (JsonNode message : messages) {
                assertThat(stored.put(message.path("cid").asText(), message.path("seq").asLong()))
                        .as("cid stored twice: %s", message).isNull();
                after = message.path("seq").asLong();
            }
            if (messages.size() < PAGE) {
                return stored;
            }
        }
    }
}

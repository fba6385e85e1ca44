package chatroom.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Reading parts of a reply that several feature tests check: conversation entries, lists of texts. */
public final class Replies {

    private Replies() {
    }

    /** The entry of {@code conversations} for a room ({@code field} "room") or a user ({@code "with"}). */
    public static JsonNode conversation(ObjectNode reply, String field, String name) {
        for (JsonNode entry : reply.path("conversations")) {
            if (name.equals(entry.path(field).asText(null))) {
                return entry;
            }
        }
        return null;
    }

    /** The elements of a JSON array of strings. */
    public static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** One field of every object in a JSON array. */
    public static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.path(field).asText()));
        return values;
    }
}

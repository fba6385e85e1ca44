package chatroom.codec.message;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code pong {t?}}: the answer to a {@link Ping}, echoing its {@code id} and {@code t}. */
public record Pong(Object id, JsonNode t) implements Reply {
    public static final String TYPE = "pong";

    @Override
    public String type() {
        return TYPE;
    }
}

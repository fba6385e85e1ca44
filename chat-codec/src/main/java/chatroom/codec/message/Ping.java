package chatroom.codec.message;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code ping {t?}}: either side may send it; the other answers {@link Pong} with the same {@code t}. */
public record Ping(Object id, JsonNode t) implements Request {
    public static final String TYPE = "ping";

    @Override
    public String type() {
        return TYPE;
    }
}

package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code search {q, room? | with?, before?, limit?}}: full-text search, newest first, over what the
 * user may read; {@code before} is a {@code ts} for paging.
 */
public record Search(Object id, String q, String room, @JsonProperty("with") String with, Long before,
                     Integer limit) implements Request {
    public static final String TYPE = "search";

    @Override
    public String type() {
        return TYPE;
    }
}

package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code renamed {kind, old, new}}: a user ({@code kind} "user") or room ("room") has a new name. */
public record Renamed(String kind, String old, @JsonProperty("new") String newName) implements Event {
    public static final String TYPE = "renamed";

    @Override
    public String type() {
        return TYPE;
    }
}

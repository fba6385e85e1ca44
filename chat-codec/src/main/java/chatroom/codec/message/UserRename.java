package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code user_rename {user, new_name}} (admin). */
public record UserRename(Object id, String user, @JsonProperty("new_name") String newName) implements Request {
    public static final String TYPE = "user_rename";

    @Override
    public String type() {
        return TYPE;
    }
}

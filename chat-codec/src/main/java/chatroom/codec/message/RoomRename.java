package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code room_rename {room, new_name}} (admin). */
public record RoomRename(Object id, String room, @JsonProperty("new_name") String newName) implements Request {
    public static final String TYPE = "room_rename";

    @Override
    public String type() {
        return TYPE;
    }
}

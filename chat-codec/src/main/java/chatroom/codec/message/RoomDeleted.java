package chatroom.codec.message;

/** {@code room_deleted {room}}: an admin deleted a room this user was in. */
public record RoomDeleted(String room) implements Event {
    public static final String TYPE = "room_deleted";

    @Override
    public String type() {
        return TYPE;
    }
}

package chatroom.codec.message;

/** {@code room_delete {room}} (admin). */
public record RoomDelete(Object id, String room) implements Request {
    public static final String TYPE = "room_delete";

    @Override
    public String type() {
        return TYPE;
    }
}

package chatroom.codec.message;

/** {@code rooms}: the rooms, the most populated first. */
public record ListRooms(Object id) implements Request {
    public static final String TYPE = "rooms";

    @Override
    public String type() {
        return TYPE;
    }
}

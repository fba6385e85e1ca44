package chatroom.codec.message;

/** {@code leave {room}}: end the membership. */
public record Leave(Object id, String room) implements Request {
    public static final String TYPE = "leave";

    @Override
    public String type() {
        return TYPE;
    }
}

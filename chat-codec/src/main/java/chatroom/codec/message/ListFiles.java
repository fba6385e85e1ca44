package chatroom.codec.message;

/** {@code files {room}}: the files shared in a room. */
public record ListFiles(Object id, String room) implements Request {
    public static final String TYPE = "files";

    @Override
    public String type() {
        return TYPE;
    }
}

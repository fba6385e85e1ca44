package chatroom.codec.message;

/** {@code file_put {room, name, size, sha256}}: offers a file to a room; chunks follow. */
public record FilePut(Object id, String room, String name, Long size, String sha256) implements Request {
    public static final String TYPE = "file_put";

    @Override
    public String type() {
        return TYPE;
    }
}

package chatroom.server.store;

/**
 * A file shared in a room. {@code name} is what the uploader called it, for display only; the
 * bytes are found by {@code sha256}, never by name.
 */
public record FileRecord(String fileId, String room, String name, long size, String sha256, String from, long ts) {
}

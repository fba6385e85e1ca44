package chatroom.server.store;

/**
 * Bytes of stored files: one uploader's and everyone's. Every upload counts, even when its content
 * is stored only once (content addressing saves disk, not quota).
 */
public record FileBytes(long ofUploader, long total) {
}

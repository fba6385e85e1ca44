package chatroom.server.files;

import java.security.MessageDigest;

/**
 * An upload in progress: its bytes go to where files are kept ({@link FileBytes.Incoming}) and
 * through a running SHA-256 as they arrive. Written only on the file store's thread; {@code received} is read by the connection's
 * event loop after each write has completed.
 */
public final class Upload {

    private final String fileId;
    private final String room;
    private final String name;
    private final long size;
    private final String sha256;
    final FileBytes.Incoming incoming;
    final MessageDigest digest;
    volatile long received;
    private final FileQuota.Reservation reservation;

    Upload(String fileId, String room, String name, long size, String sha256, FileBytes.Incoming incoming,
           MessageDigest digest, FileQuota.Reservation reservation) {
        this.reservation = reservation;
        this.fileId = fileId;
        this.room = room;
        this.name = name;
        this.size = size;
        this.sha256 = sha256;
        this.incoming = incoming;
        this.digest = digest;
    }

    public String fileId() {
        return fileId;
    }

    public String room() {
        return room;
    }

    public String name() {
        return name;
    }

    public long size() {
        return size;
    }

    /** The SHA-256 the uploader announced, lower-case hex. */
    public String sha256() {
        return sha256;
    }

    /** The bytes of the file quotas this upload holds until it is stored or dropped. */
    public FileQuota.Reservation reservation() {
        return reservation;
    }

    public long received() {
        return received;
    }
}

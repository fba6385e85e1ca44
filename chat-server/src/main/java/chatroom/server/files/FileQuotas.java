package chatroom.server.files;

/**
 * How many bytes of shared files the server keeps: per uploader, in all, and how much free disk
 * it leaves alone. Past any of them an upload is refused with {@code quota_exceeded} before its
 * first byte arrives.
 *
 * @param perUserBytes bytes of files one account may have stored (uploads in progress count)
 * @param totalBytes bytes of files all accounts together may have stored (every upload counts,
 *     even when its content is already stored under another upload)
 * @param diskReserveBytes free bytes the disk of the data directory keeps: an upload that would
 *     leave less is refused
 */
public record FileQuotas(long perUserBytes, long totalBytes, long diskReserveBytes) {

    public static final long MIB = 1024L * 1024;
    public static final long DEFAULT_PER_USER_MB = 1024;
    public static final long DEFAULT_TOTAL_MB = 10 * 1024;
    public static final long DEFAULT_DISK_RESERVE_MB = 1024;
    public static final FileQuotas DEFAULT = new FileQuotas(DEFAULT_PER_USER_MB * MIB, DEFAULT_TOTAL_MB * MIB,
            DEFAULT_DISK_RESERVE_MB * MIB);

    public FileQuotas {
        if (perUserBytes < 0 || totalBytes < 0 || diskReserveBytes < 0) {
            throw new IllegalArgumentException("file quotas and the disk reserve must not be negative");
        }
    }
}

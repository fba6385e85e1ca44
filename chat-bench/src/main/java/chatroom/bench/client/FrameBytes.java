package chatroom.bench.client;

import io.netty.buffer.ByteBuf;

/**
 * Finds the bench marker in a received frame or line without copying it. Every delivery passes
 * through here, at up to a million a second, so it costs the load generator CPU the server under
 * test then cannot use (both share the machine): a search byte by byte with {@code getByte}, each
 * checking the buffer's bounds and reference count, took half of the generator's samples.
 */
public final class FrameBytes {

    private FrameBytes() {
    }

    /**
     * Where {@code needle} starts in {@code buf} between {@code from} and {@code to} (exclusive), or
     * -1. Candidates are found by the needle's last byte with {@link ByteBuf#indexOf}, which scans
     * eight bytes at a time: the markers end in a space, which the server's JSON has only inside
     * strings, so a frame is usually one scan and one comparison.
     */
    public static int indexOf(ByteBuf buf, int from, int to, byte[] needle) {
        int tail = needle.length - 1;
        byte last = needle[tail];
        for (int i = from + tail; i < to; ) {
            int candidate = buf.indexOf(i, to, last);
            if (candidate < 0) {
                return -1;
            }
            if (startsWith(buf, candidate - tail, candidate + 1, needle)) {
                return candidate - tail;
            }
            i = candidate + 1;
        }
        return -1;
    }

    /** Whether the bytes from {@code from}, before {@code to}, begin with {@code prefix}. */
    public static boolean startsWith(ByteBuf buf, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf.getByte(from + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The decimal digits at {@code index}, up to the first other byte or {@code to}. */
    public static long parseLong(ByteBuf buf, int index, int to) {
        long value = 0;
        for (byte b; index < to && (b = buf.getByte(index)) >= '0' && b <= '9'; index++) {
            value = value * 10 + (b - '0');
        }
        return value;
    }
}

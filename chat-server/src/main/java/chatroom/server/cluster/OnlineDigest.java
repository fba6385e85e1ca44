package chatroom.server.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * A cheap fingerprint of the users online on one node: how many, and the XOR of a 64-bit hash
 * (FNV-1a of the UTF-8 user key) of each. A node publishes the digest of its own list; another
 * node compares it with the digest of its view of that list, kept up to date by online and
 * offline events, and re-reads the list only when the two differ (an event was lost). Adding and
 * removing a user are the same XOR, so the digest never needs the whole list again.
 *
 * @param count users in the list
 * @param xor XOR of their hashes
 */
public record OnlineDigest(long count, long xor) {

    public static final OnlineDigest EMPTY = new OnlineDigest(0, 0);

    public static OnlineDigest of(Collection<String> userKeys) {
        OnlineDigest digest = EMPTY;
        for (String key : userKeys) {
            digest = digest.plus(key);
        }
        return digest;
    }

    public OnlineDigest plus(String userKey) {
        return new OnlineDigest(count + 1, xor ^ hash(userKey));
    }

    public OnlineDigest minus(String userKey) {
        return new OnlineDigest(count - 1, xor ^ hash(userKey));
    }

    /** The digest as stored in Redis, {@code count:hex}; null when {@code text} is not one. */
    public static OnlineDigest parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            return null;
        }
        try {
            return new OnlineDigest(Long.parseLong(text.substring(0, colon)),
                    Long.parseUnsignedLong(text.substring(colon + 1), 16));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return count + ":" + Long.toHexString(xor);
    }

    static long hash(String userKey) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : userKey.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}

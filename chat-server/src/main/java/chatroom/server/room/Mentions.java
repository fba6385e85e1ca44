package chatroom.server.room;

import chatroom.server.store.Names;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the members a room message mentions (protocol section 10): {@code @name}, where name is
 * every name character after the {@code @} up to a non-name character or the end, compared with
 * the members' names by {@link Names#key} (so {@code @Alice} mentions {@code alice}). A name that
 * is not a member's mentions nobody.
 */
public final class Mentions {

    private Mentions() {
    }

    /** Display names of the members {@code text} mentions, each once, in order of first mention. */
    public static List<String> in(String text, Room room) {
        Set<String> found = new LinkedHashSet<>();
        int at = text.indexOf('@');
        while (at >= 0) {
            int end = at + 1;
            while (end < text.length()) {
                int cp = text.codePointAt(end);
                if (!isNameCharacter(cp)) {
                    break;
                }
                end += Character.charCount(cp);
            }
            if (end > at + 1) {
                String key = Names.key(text.substring(at + 1, end));
                if (room.isMember(key)) {
                    found.add(room.memberName(key));
                }
            }
            at = text.indexOf('@', Math.max(end, at + 1));
        }
        return new ArrayList<>(found);
    }

    /** The characters of user names: letters, marks, digits, {@code _}, {@code -} and {@code .}. */
    static boolean isNameCharacter(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isLetter(codePoint) || Character.isDigit(codePoint)
                || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || codePoint == '_' || codePoint == '-' || codePoint == '.';
    }
}

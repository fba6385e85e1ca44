package chatroom.server.store;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.regex.Pattern;

/**
 * Rules for user and room names (protocol sections 3 and 9): Unicode letters, digits, {@code _},
 * {@code -} and {@code .}; 1-32 characters for users, 1-64 for rooms; in one script (Han may mix
 * with kana or Hangul); no invisible code points. A name is an identity: two names that look alike
 * have the same {@link #key} and only one of them may exist.
 *
 * <p>The key is the confusable skeleton (Unicode TS #39) of the name's RFC 8265
 * UsernameCaseMapped form, so {@code Root}, {@code ｒｏｏｔ}, {@code 𝐫𝐨𝐨𝐭} and {@code ℝoot} are all
 * the name {@code root}, and an all-Cyrillic {@code аре} is {@code ape}. Skeletons are not lower
 * case ({@code m} is {@code rn}), so a key is never a name: do not pass it to {@code key} again.
 * The Unicode data comes from ICU4J; when an upgrade of it changes keys, bump
 * {@link NameKeyMigration#VERSION} so that stored keys follow.
 */
public final class Names {

    public static final int MAX_USER_LENGTH = 32;
    public static final int MAX_ROOM_LENGTH = 64;

    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}_.\\-]+");
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    /** Immutable once built, so one instance serves every thread. */
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();

    /** How many names each memo keeps: every name in use on a busy server, a few MB at most. */
    private static final int MEMO_CAPACITY = 16_384;
    private static final NameMemo<String> KEYS =
            new NameMemo<>(MEMO_CAPACITY, name -> CONFUSABLES.getSkeleton(caseMapped(name)));
    private static final NameMemo<Boolean> VALID_USERS =
            new NameMemo<>(MEMO_CAPACITY, name -> isValid(name, MAX_USER_LENGTH, true));
    private static final NameMemo<Boolean> VALID_ROOMS =
            new NameMemo<>(MEMO_CAPACITY, name -> isValid(name, MAX_ROOM_LENGTH, true));

    static {
        // ICU loads its Unicode data on first use, which takes a while: do it when this class loads (at
        // start-up, from the configuration or the store), not in the first register on an event loop
        isValidUser("warm-up");
        key("warm-up");
    }

    private Names() {
    }

    public static boolean isValidUser(String name) {
        return name != null && VALID_USERS.get(name);
    }

    public static boolean isValidRoom(String name) {
        return name != null && VALID_ROOMS.get(name);
    }

    /**
     * Whether a user name breaks the rules only by mixing scripts. Section 9 refuses such a name, but
     * when its skeleton is an existing name's (Cyrillic {@code rооt} beside {@code root}) the refusal
     * it names is {@code user_exists}, and for a room, joining the existing room.
     */
    public static boolean isMixedScriptUser(String name) {
        return !isValid(name, MAX_USER_LENGTH, true) && isValid(name, MAX_USER_LENGTH, false);
    }

    /** The room counterpart of {@link #isMixedScriptUser}. */
    public static boolean isMixedScriptRoom(String name) {
        return !isValid(name, MAX_ROOM_LENGTH, true) && isValid(name, MAX_ROOM_LENGTH, false);
    }

    private static boolean isValid(String name, int maxLength, boolean singleScript) {
        if (name == null) {
            return false;
        }
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > maxLength || !hasOnlyVisibleNameCharacters(name)
                || isCombiningMark(name.codePointAt(0)) || (singleScript && !ResolvedScripts.isSingleScript(name))) {
            return false;
        }
        // RFC 8265: the mapped form must be a name too (NFKC turns a few letters into spaces or symbols)
        String mapped = caseMapped(name);
        return !mapped.isEmpty() && hasOnlyVisibleNameCharacters(mapped);
    }

    /** Letters, marks, digits and {@code _.-} only, none of them invisible (format, default-ignorable, unassigned). */
    private static boolean hasOnlyVisibleNameCharacters(String name) {
        return ALLOWED.matcher(name).matches() && name.codePoints().noneMatch(Names::isInvisible);
    }

    private static boolean isInvisible(int cp) {
        int type = UCharacter.getType(cp);
        return UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
                || type == UCharacterCategory.FORMAT || type == UCharacterCategory.CONTROL
                || type == UCharacterCategory.UNASSIGNED || type == UCharacterCategory.PRIVATE_USE
                || type == UCharacterCategory.SURROGATE;
    }

    private static boolean isCombiningMark(int cp) {
        int type = UCharacter.getType(cp);
        return type == UCharacterCategory.NON_SPACING_MARK || type == UCharacterCategory.COMBINING_SPACING_MARK
                || type == UCharacterCategory.ENCLOSING_MARK;
    }

    /** RFC 8265's UsernameCaseMapped form: NFKC (width and compatibility), full case folding, NFKC again. */
    static String caseMapped(String name) {
        return NFKC.normalize(UCharacter.foldCase(NFKC.normalize(name), true));
    }

    /**
     * The identity of a name: the confusable skeleton of its case-mapped form. Every uniqueness
     * check and look-up, in the store and in memory, compares names by this key.
     */
    public static String key(String name) {
        return KEYS.get(name);
    }

    /**
     * The confusable skeleton of a name (Unicode TS #39): two names with the same skeleton look
     * alike, and only one of them may exist. The same as {@link #key}.
     */
    public static String skeleton(String name) {
        return key(name);
    }
}

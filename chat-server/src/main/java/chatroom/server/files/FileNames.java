package chatroom.server.files;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;

/**
 * What a file's display name may contain. A name is shown to other members, so it must look like
 * what it is: bidi controls would let {@code evil\u202Etxt.exe} show as "evilexe.txt", other format
 * characters hide text, and control characters or line separators break the line it is shown on.
 */
public final class FileNames {

    private FileNames() {
    }

    /** True when no code point of {@code name} is a control, format, line/paragraph separator or lone surrogate. */
    public static boolean showsAsWritten(String name) {
        return name.codePoints().noneMatch(FileNames::isHidden);
    }

    private static boolean isHidden(int cp) {
        int type = UCharacter.getType(cp);
        return type == UCharacterCategory.CONTROL || type == UCharacterCategory.FORMAT
                || type == UCharacterCategory.LINE_SEPARATOR || type == UCharacterCategory.PARAGRAPH_SEPARATOR
                || type == UCharacterCategory.SURROGATE;
    }
}

package chatroom.server.store;

import com.ibm.icu.lang.UScript;
import java.util.BitSet;

/**
 * Whether a string stays within one script, by the "resolved script set" of Unicode TS #39
 * (section 5.1): the intersection of every code point's script extensions, where Common and
 * Inherited go with any script and the augmented sets let Han mix with Hiragana and Katakana
 * (Japanese), with Hangul (Korean) or with Bopomofo, so that {@code 山田さくら} is one script while
 * Latin {@code r} beside Cyrillic {@code о} is two.
 */
final class ResolvedScripts {

    private ResolvedScripts() {
    }

    /** True when the resolved script set of {@code text} is not empty: no mix of scripts. */
    static boolean isSingleScript(CharSequence text) {
        BitSet resolved = null;
        BitSet scripts = new BitSet(UScript.CODE_LIMIT);
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            scripts.clear();
            UScript.getScriptExtensions(cp, scripts);
            if (scripts.get(UScript.COMMON) || scripts.get(UScript.INHERITED)) {
                continue; // goes with every script
            }
            augment(scripts);
            if (resolved == null) {
                resolved = (BitSet) scripts.clone();
            } else {
                resolved.and(scripts);
            }
            if (resolved.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** TS #39's augmented script sets: Han writes Japanese, Korean and Bopomofo-annotated Chinese. */
    private static void augment(BitSet scripts) {
        if (scripts.get(UScript.HAN)) {
            scripts.set(UScript.HAN_WITH_BOPOMOFO);
            scripts.set(UScript.JAPANESE);
            scripts.set(UScript.KOREAN);
        }
        if (scripts.get(UScript.HIRAGANA) || scripts.get(UScript.KATAKANA)) {
            scripts.set(UScript.JAPANESE);
        }
        if (scripts.get(UScript.HANGUL)) {
            scripts.set(UScript.KOREAN);
        }
        if (scripts.get(UScript.BOPOMOFO)) {
            scripts.set(UScript.HAN_WITH_BOPOMOFO);
        }
    }
}

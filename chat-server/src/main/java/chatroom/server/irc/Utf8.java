package chatroom.server.irc;

import java.util.ArrayList;
import java.util.List;

/** UTF-8 byte counts and splitting on code point boundaries, for IRC's byte-counted lines. */
final class Utf8 {

    private Utf8() {
    }

    static int length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * Splits {@code text} into pieces of at most {@code maxBytes} UTF-8 bytes each, never inside a
     * code point. A piece ends at its last space where it has one (the space becomes the line break
     * and is not kept); a word longer than a whole piece, or text without spaces such as Chinese, is
     * cut between code points. Line breaks start a new piece and are not kept; empty lines are dropped.
     */
    static List<String> split(String text, int maxBytes) {
        List<String> pieces = new ArrayList<>();
        for (String line : text.split("\r\n|\r|\n")) {
            int start = 0;
            int bytes = 0;
            int i = 0;
            while (i < line.length()) {
                int cp = line.codePointAt(i);
                int size = size(cp);
                if (bytes + size > maxBytes && i > start) {
                    int space = line.lastIndexOf(' ', i);
                    if (space > start) {
                        pieces.add(line.substring(start, space));
                        start = space + 1;
                        i = Math.max(i, start);
                        bytes = length(line.substring(start, i));
                    } else {
                        pieces.add(line.substring(start, i));
                        start = i;
                        bytes = 0;
                    }
                    continue; // the code point at i is counted again against the new piece
                }
                bytes += size;
                i += Character.charCount(cp);
            }
            if (start < line.length()) {
                pieces.add(line.substring(start));
            }
        }
        return pieces;
    }

    private static int size(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}

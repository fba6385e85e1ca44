package chatroom.bench.irc;

import java.util.ArrayList;
import java.util.List;

/**
 * A server line split the RFC 1459 way: optional {@code @tags}, optional {@code :prefix}, the
 * command, middle parameters, and a trailing parameter after {@code " :"}.
 */
record IrcLine(String command, List<String> params) {

    static IrcLine parse(String line) {
        int i = 0;
        if (line.startsWith("@")) {
            i = skipWord(line, 0);
        }
        if (line.startsWith(":", i)) {
            i = skipWord(line, i);
        }
        int end = line.indexOf(' ', i);
        String command = end < 0 ? line.substring(i) : line.substring(i, end);
        List<String> params = new ArrayList<>();
        i = end < 0 ? line.length() : end + 1;
        while (i < line.length()) {
            if (line.charAt(i) == ':') {
                params.add(line.substring(i + 1));
                break;
            }
            end = line.indexOf(' ', i);
            if (end < 0) {
                params.add(line.substring(i));
                break;
            }
            if (end > i) {
                params.add(line.substring(i, end));
            }
            i = end + 1;
        }
        return new IrcLine(command, params);
    }

    /** Parameter {@code index}, or null. */
    String param(int index) {
        return index < params.size() ? params.get(index) : null;
    }

    /** The last parameter (the trailing one when there is one), or null. */
    String last() {
        return params.isEmpty() ? null : params.get(params.size() - 1);
    }

    private static int skipWord(String line, int from) {
        int space = line.indexOf(' ', from);
        return space < 0 ? line.length() : space + 1;
    }
}

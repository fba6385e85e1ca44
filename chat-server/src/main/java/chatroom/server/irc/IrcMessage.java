package chatroom.server.irc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One IRC line, parsed: {@code [@tags] [:prefix] COMMAND [params...] [:trailing]} (RFC 1459 §2.3.1
 * with IRCv3 message tags). The command is upper-cased; tag values are unescaped; the trailing
 * parameter is the last of {@code params}.
 */
public record IrcMessage(Map<String, String> tags, String prefix, String command, List<String> params) {

    private static final java.util.Set<String> TEXT_LAST = java.util.Set.of("PRIVMSG", "NOTICE", "TOPIC", "KICK",
            "PART", "ERROR", "CAP", "QUIT", "FAIL");

    public IrcMessage {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        params = List.copyOf(params);
    }

    /** A message without tags or prefix. */
    public static IrcMessage of(String command, String... params) {
        return new IrcMessage(Map.of(), null, command, List.of(params));
    }

    /** This message from {@code prefix}. */
    public IrcMessage withPrefix(String prefix) {
        return new IrcMessage(tags, prefix, command, params);
    }

    /** The parameter at {@code index}, or null when there are fewer. */
    public String param(int index) {
        return index < params.size() ? params.get(index) : null;
    }

    /** Parses one line (without CR LF). Returns null for an empty line or one without a command. */
    public static IrcMessage parse(String line) {
        int i = 0;
        int n = line.length();
        Map<String, String> tags = new LinkedHashMap<>();
        if (i < n && line.charAt(i) == '@') {
            int end = indexOfSpace(line, i);
            for (String tag : line.substring(i + 1, end).split(";")) {
                if (tag.isEmpty()) {
                    continue;
                }
                int eq = tag.indexOf('=');
                tags.put(eq < 0 ? tag : tag.substring(0, eq), eq < 0 ? "" : unescape(tag.substring(eq + 1)));
            }
            i = skipSpaces(line, end);
        }
        String prefix = null;
        if (i < n && line.charAt(i) == ':') {
            int end = indexOfSpace(line, i);
            prefix = line.substring(i + 1, end);
            i = skipSpaces(line, end);
        }
        if (i >= n) {
            return null;
        }
        int end = indexOfSpace(line, i);
        String command = line.substring(i, end).toUpperCase(java.util.Locale.ROOT);
        i = skipSpaces(line, end);
        List<String> params = new ArrayList<>();
        while (i < n) {
            if (line.charAt(i) == ':') {
                params.add(line.substring(i + 1));
                break;
            }
            end = indexOfSpace(line, i);
            params.add(line.substring(i, end));
            i = skipSpaces(line, end);
        }
        return new IrcMessage(tags, prefix, command, params);
    }

    /** The line for the wire (without CR LF): the last parameter is written as trailing when it must be. */
    public String format() {
        StringBuilder out = new StringBuilder();
        if (!tags.isEmpty()) {
            out.append('@');
            boolean first = true;
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                if (!first) {
                    out.append(';');
                }
                first = false;
                out.append(tag.getKey());
                if (tag.getValue() != null && !tag.getValue().isEmpty()) {
                    out.append('=').append(escape(tag.getValue()));
                }
            }
            out.append(' ');
        }
        if (prefix != null) {
            out.append(':').append(prefix).append(' ');
        }
        out.append(command);
        for (int p = 0; p < params.size(); p++) {
            String param = params.get(p);
            boolean last = p == params.size() - 1;
            out.append(' ');
            if (last && (param.isEmpty() || param.indexOf(' ') >= 0 || param.charAt(0) == ':' || textLast())) {
                out.append(':');
            }
            out.append(param);
        }
        return out.toString();
    }

    /**
     * Whether the last parameter is free text (a message, a reason, a numeric's description), which
     * is written with ':' even without spaces, as clients expect.
     */
    private boolean textLast() {
        return params.size() >= 2 && (TEXT_LAST.contains(command)
                || command.length() == 3 && Character.isDigit(command.charAt(0)));
    }

    private static int indexOfSpace(String line, int from) {
        int space = line.indexOf(' ', from);
        return space < 0 ? line.length() : space;
    }

    private static int skipSpaces(String line, int from) {
        while (from < line.length() && line.charAt(from) == ' ') {
            from++;
        }
        return from;
    }

    /** IRCv3 message-tags escaping: {@code \:} is ';', {@code \s} space, {@code \\}, {@code \r}, {@code \n}. */
    static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
            } else if (i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(switch (next) {
                    case ':' -> ';';
                    case 's' -> ' ';
                    case 'r' -> '\r';
                    case 'n' -> '\n';
                    default -> next;
                });
            }
        }
        return out.toString();
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case ';' -> out.append("\\:");
                case ' ' -> out.append("\\s");
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

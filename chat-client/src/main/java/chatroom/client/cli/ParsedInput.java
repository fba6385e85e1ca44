package chatroom.client.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One typed line: plain text for the current room, or a slash command with its words. The words
 * are split on whitespace; {@link #restFrom} gives the original text from a word on, so a message
 * keeps its spacing.
 *
 * @param command the command word without the slash, or null for plain text
 * @param words   the words after the command
 * @param text    the whole line (plain text) or what follows the command word
 */
record ParsedInput(String command, List<String> words, String text) {

    static ParsedInput parse(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("/") || trimmed.startsWith("//")) {
            // "//text" sends "/text" literally
            return new ParsedInput(null, List.of(), trimmed.startsWith("//") ? trimmed.substring(1) : line.strip());
        }
        int end = 1;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end))) {
            end++;
        }
        String command = trimmed.substring(1, end);
        String rest = trimmed.substring(end).strip();
        List<String> words = new ArrayList<>();
        for (String word : rest.split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return new ParsedInput(command, List.copyOf(words), rest);
    }

    boolean isCommand() {
        return command != null;
    }

    Optional<String> word(int index) {
        return index < words.size() ? Optional.of(words.get(index)) : Optional.empty();
    }

    /** The original text from word {@code index} on, spacing kept; empty when there is none. */
    String restFrom(int index) {
        String rest = text;
        for (int i = 0; i < index && !rest.isEmpty(); i++) {
            rest = rest.strip();
            int space = 0;
            while (space < rest.length() && !Character.isWhitespace(rest.charAt(space))) {
                space++;
            }
            rest = rest.substring(space);
        }
        return rest.strip();
    }
}

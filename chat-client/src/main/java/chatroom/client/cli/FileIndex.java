package chatroom.client.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shared files the shell has heard of (uploads, {@code file} events, {@code /files}), so that
 * {@code /download} takes a unique prefix of a file id or of a file's name, and Tab completes both.
 */
final class FileIndex {

    private final Map<String, String> namesById = new LinkedHashMap<>();

    synchronized void add(String fileId, String name) {
        namesById.put(fileId, name);
    }

    /** File ids and names, for completion. */
    synchronized List<String> words() {
        List<String> words = new ArrayList<>(namesById.keySet());
        words.addAll(namesById.values());
        return words;
    }

    /** The ids that {@code prefix} could mean: an exact id alone, else every id or name it begins. */
    synchronized List<String> matches(String prefix) {
        if (namesById.containsKey(prefix)) {
            return List.of(prefix);
        }
        String wanted = prefix.toLowerCase(Locale.ROOT);
        List<String> ids = new ArrayList<>();
        namesById.forEach((id, name) -> {
            if (id.toLowerCase(Locale.ROOT).startsWith(wanted) || name.toLowerCase(Locale.ROOT).startsWith(wanted)) {
                ids.add(id);
            }
        });
        return ids;
    }

    synchronized String name(String fileId) {
        return namesById.getOrDefault(fileId, fileId);
    }
}

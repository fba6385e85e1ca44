package chatroom.client.files;

import java.nio.file.Path;

/**
 * Turns a file name another user chose into a name that is safe in a local directory: no
 * directories, no device or reserved characters, no hidden dot-files, never {@code .} or {@code ..}.
 * The result always stays inside the directory it is resolved against.
 */
public final class SafeFileNames {

    private static final int MAX_LENGTH = 200;

    private SafeFileNames() {
    }

    /** A safe version of {@code name}; {@code fallback} when nothing usable is left. */
    public static String safe(String name, String fallback) {
        String base = name == null ? "" : name;
        base = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        base.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || "<>:\"|?*".indexOf(cp) >= 0) {
                clean.append('_');
            } else {
                clean.appendCodePoint(cp);
            }
        });
        String result = clean.toString().strip().replaceAll("^[.\\s]+", "").replaceAll("[.\\s]+$", "");
        if (result.isEmpty()) {
            return fallback;
        }
        if (result.codePointCount(0, result.length()) > MAX_LENGTH) {
            result = result.substring(0, result.offsetByCodePoints(0, MAX_LENGTH));
        }
        return result;
    }

    /**
     * Where a downloaded file goes: {@code target} itself, or when it is an existing directory, a
     * safe version of {@code name} inside it.
     */
    public static Path destination(Path target, String name, String fallback) {
        if (!java.nio.file.Files.isDirectory(target)) {
            return target;
        }
        Path dir = target.toAbsolutePath().normalize();
        Path file = dir.resolve(safe(name, fallback)).normalize();
        if (!dir.equals(file.getParent())) {
            return dir.resolve(fallback);
        }
        return file;
    }
}

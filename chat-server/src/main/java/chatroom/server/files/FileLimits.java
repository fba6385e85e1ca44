package chatroom.server.files;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What may be uploaded.
 *
 * @param maxBytes largest file
 * @param allowedTypes lower-case name extensions that may be shared ({@code "pdf"}, {@code "png"});
 *     empty allows every type
 * @param maxUploadsPerConnection uploads one connection may have in progress at once
 */
public record FileLimits(long maxBytes, Set<String> allowedTypes, int maxUploadsPerConnection) {

    public static final long DEFAULT_MAX_MB = 100;
    public static final long DEFAULT_MAX_BYTES = DEFAULT_MAX_MB * 1024 * 1024;
    public static final int DEFAULT_MAX_UPLOADS_PER_CONNECTION = 4;
    public static final FileLimits DEFAULT = new FileLimits(DEFAULT_MAX_BYTES, Set.of(),
            DEFAULT_MAX_UPLOADS_PER_CONNECTION);

    public FileLimits {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("the largest file size must not be negative");
        }
        if (maxUploadsPerConnection < 1) {
            throw new IllegalArgumentException("uploads per connection must be at least 1");
        }
        allowedTypes = allowedTypes.stream().map(t -> t.strip().replaceFirst("^\\.", "").toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether a file with this display name may be shared. */
    public boolean allows(String name) {
        return allowedTypes.isEmpty() || allowedTypes.contains(extension(name));
    }

    /** The lower-case text after the last dot of a name, or "" when it has none. */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}

package chatroom.server.files;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** The server's command-line options for shared files (a picocli mixin of the server command). */
public final class FileOptions {

    @Option(names = "--max-file-mb", defaultValue = "${env:CHAT_MAX_FILE_MB:-" + FileLimits.DEFAULT_MAX_MB + "}",
            description = "Largest file that may be shared, in MiB [CHAT_MAX_FILE_MB]. Default: ${DEFAULT-VALUE}")
    long maxFileMb;

    @Option(names = "--file-types", split = ",", paramLabel = "EXT", defaultValue = "${env:CHAT_FILE_TYPES}",
            description = "Name extensions that may be shared, comma-separated (pdf,png,txt); "
                    + "default: every type [CHAT_FILE_TYPES].")
    List<String> fileTypes = new ArrayList<>();

    @Option(names = "--max-uploads-per-connection",
            defaultValue = "${env:CHAT_MAX_UPLOADS_PER_CONNECTION:-" + FileLimits.DEFAULT_MAX_UPLOADS_PER_CONNECTION + "}",
            description = "Uploads one connection may have in progress at once [CHAT_MAX_UPLOADS_PER_CONNECTION]. "
                    + "Default: ${DEFAULT-VALUE}")
    int maxUploads;

    @Option(names = "--file-quota-mb", defaultValue = "${env:CHAT_FILE_QUOTA_MB:-" + FileQuotas.DEFAULT_PER_USER_MB + "}",
            description = "MiB of files one account may have stored [CHAT_FILE_QUOTA_MB]. Default: ${DEFAULT-VALUE}")
    long fileQuotaMb;

    @Option(names = "--files-total-mb", defaultValue = "${env:CHAT_FILES_TOTAL_MB:-" + FileQuotas.DEFAULT_TOTAL_MB + "}",
            description = "MiB of files all accounts together may have stored [CHAT_FILES_TOTAL_MB]. "
                    + "Default: ${DEFAULT-VALUE}")
    long filesTotalMb;

    @Option(names = "--min-free-disk-mb",
            defaultValue = "${env:CHAT_MIN_FREE_DISK_MB:-" + FileQuotas.DEFAULT_DISK_RESERVE_MB + "}",
            description = "Uploads are refused when they would leave less free disk than this, in MiB "
                    + "[CHAT_MIN_FREE_DISK_MB]. Default: ${DEFAULT-VALUE}")
    long minFreeDiskMb;

    public FileQuotas toQuotas() {
        return new FileQuotas(fileQuotaMb * FileQuotas.MIB, filesTotalMb * FileQuotas.MIB,
                minFreeDiskMb * FileQuotas.MIB);
    }

    public FileLimits toLimits() {
        return new FileLimits(maxFileMb * 1024 * 1024, new HashSet<>(fileTypes), maxUploads);
    }
}

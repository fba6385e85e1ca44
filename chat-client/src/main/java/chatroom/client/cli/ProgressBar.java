package chatroom.client.cli;

import java.util.Locale;

/** The text of a transfer's progress line: bar, percentage, rate and time left. */
final class ProgressBar {

    private static final int WIDTH = 24;

    private ProgressBar() {
    }

    /** E.g. {@code upload a.pdf [##########..............] 42% 3.1 MB/s ETA 0:07}. */
    static String line(String label, long done, long total, long elapsedNanos) {
        double fraction = total <= 0 ? 1 : Math.min(1, done / (double) total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = elapsedNanos / 1e9;
        double rate = seconds <= 0 ? 0 : done / seconds;
        String eta = rate <= 0 ? "--:--" : duration((long) Math.ceil((total - done) / rate));
        return String.format(Locale.ROOT, "%s [%s%s] %3d%% %s/s ETA %s", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), (int) Math.floor(fraction * 100), bytes((long) rate), eta);
    }

    /** A byte count for people: {@code 512 B}, {@code 1.5 KB}, {@code 3.2 MB}, {@code 1.1 GB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String duration(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60,
                seconds % 60) : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}

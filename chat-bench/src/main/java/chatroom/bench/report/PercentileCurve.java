package chatroom.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One latency curve of a plot: latency in milliseconds at increasing percentiles, ending at the
 * maximum (percentile 100). Built from a live histogram or read back from a run's {@code .hgrm}
 * file, so runs made apart (another server, another day) can be drawn on one chart.
 *
 * @param name what the legend calls it
 * @param percentiles increasing, the last one 100
 * @param millis the latency at each percentile
 */
public record PercentileCurve(String name, List<Double> percentiles, List<Double> millis) {

    /** The two sections {@link ResultFiles} writes into a {@code .hgrm} file. */
    public enum Section {
        DELIVERY(SECTION_START + "member receipt"), OK(SECTION_START + "ok");

        private final String header;

        Section(String header) {
            this.header = header;
        }

        /** The line that starts the section, before its note on units. */
        String header() {
            return header;
        }
    }

    private static final String SECTION_START = "# send -> ";

    public PercentileCurve {
        percentiles = List.copyOf(percentiles);
        millis = List.copyOf(millis);
        if (percentiles.isEmpty() || percentiles.size() != millis.size()) {
            throw new IllegalArgumentException(name + ": no points");
        }
    }

    /** The curve of a histogram of microseconds, or null when it is empty. */
    public static PercentileCurve of(String name, Histogram micros) {
        if (micros == null || micros.getTotalCount() == 0) {
            return null;
        }
        List<Double> percentiles = new ArrayList<>();
        List<Double> millis = new ArrayList<>();
        for (HistogramIterationValue v : micros.percentiles(5)) {
            if (v.getPercentileLevelIteratedTo() >= 100.0) {
                break;
            }
            percentiles.add(v.getPercentileLevelIteratedTo());
            millis.add(v.getValueIteratedTo() / 1000.0);
        }
        percentiles.add(100.0);
        millis.add(micros.getMaxValue() / 1000.0);
        return new PercentileCurve(name, percentiles, millis);
    }

    /**
     * Reads one section of a {@code .hgrm} file written by {@link ResultFiles}: HdrHistogram's
     * percentile table (value in ms, percentile as a fraction, count, 1/(1-percentile)).
     *
     * @throws IOException when the file cannot be read or has no such section
     */
    public static PercentileCurve read(String name, Path hgrm, Section section) throws IOException {
        List<Double> percentiles = new ArrayList<>();
        List<Double> millis = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(hgrm, StandardCharsets.UTF_8)) {
            if (line.startsWith(SECTION_START)) {
                inSection = line.startsWith(section.header);
                continue;
            }
            String[] columns = line.trim().split("\\s+");
            if (!inSection || columns.length < 3 || !Character.isDigit(columns[0].charAt(0))) {
                continue; // the table's header, blank lines and the "#[Mean = ...]" footer
            }
            percentiles.add(Double.parseDouble(columns[1]) * 100.0);
            millis.add(Double.parseDouble(columns[0]));
        }
        if (percentiles.isEmpty()) {
            throw new IOException(hgrm + " has no '" + section.header + "' percentiles");
        }
        return new PercentileCurve(name, percentiles, millis);
    }

    /** The latency at the first point at or above this percentile. */
    public double millisAt(double percentile) {
        for (int i = 0; i < percentiles.size(); i++) {
            if (percentiles.get(i) >= percentile) {
                return millis.get(i);
            }
        }
        return millis.get(millis.size() - 1);
    }
}

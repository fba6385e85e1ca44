package chatroom.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Writes a run's files under the output directory: {@code SCENARIO-TIME.json} (everything),
 * {@code SCENARIO-TIME.hgrm} (the full percentile distribution), {@code SCENARIO-TIME.png} (the
 * latency plot) and one row appended to {@code results.csv} for comparing runs.
 */
public final class ResultFiles {

    static final List<String> CSV_COLUMNS = List.of("started_at", "scenario", "label", "seconds", "deliveries_per_s",
            "acks_per_s", "p50_ms", "p99_ms", "p999_ms", "max_ms", "ack_p50_ms", "ack_p99_ms", "errors", "parameters");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFiles() {
    }

    /** Writes the files and returns the JSON file's path. */
    public static Path write(Path dir, BenchResult result, Histogram deliveryMicros, Histogram ackMicros)
            throws IOException {
        Files.createDirectories(dir);
        String base = result.scenario() + "-" + result.startedAt().replaceAll("[^0-9T]", "");
        Path json = dir.resolve(base + ".json");
        JSON.writeValue(json.toFile(), result);
        if (deliveryMicros != null || ackMicros != null) {
            try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(base + ".hgrm")), true,
                    StandardCharsets.UTF_8)) {
                if (deliveryMicros != null && deliveryMicros.getTotalCount() > 0) {
                    out.println(PercentileCurve.Section.DELIVERY.header() + ", values in milliseconds");
                    deliveryMicros.outputPercentileDistribution(out, 1000.0);
                }
                if (ackMicros != null && ackMicros.getTotalCount() > 0) {
                    out.println(PercentileCurve.Section.OK.header() + ", values in milliseconds");
                    ackMicros.outputPercentileDistribution(out, 1000.0);
                }
            }
            LatencyPlot.write(dir.resolve(base + ".png"), result.scenario() + " " + result.label(), deliveryMicros,
                    ackMicros);
        }
        appendCsv(dir.resolve("results.csv"), result);
        return json;
    }

    private static void appendCsv(Path csv, BenchResult r) throws IOException {
        StringBuilder row = new StringBuilder();
        if (!Files.exists(csv)) {
            row.append(String.join(",", CSV_COLUMNS)).append('\n');
        }
        Latency d = r.deliveryLatency();
        Latency a = r.ackLatency();
        row.append(String.join(",", List.of(r.startedAt(), r.scenario(), quote(r.label()),
                num(r.figure("seconds")), num(r.figure("deliveries_per_s")), num(r.figure("acks_per_s")),
                d == null ? "" : num(d.p50()), d == null ? "" : num(d.p99()), d == null ? "" : num(d.p999()),
                d == null ? "" : num(d.max()), a == null ? "" : num(a.p50()), a == null ? "" : num(a.p99()),
                quote(r.errors().toString()), quote(r.parameters().toString())))).append('\n');
        Files.writeString(csv, row, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format("%.3f", value);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}

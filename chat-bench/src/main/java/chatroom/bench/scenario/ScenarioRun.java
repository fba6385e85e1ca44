package chatroom.bench.scenario;

import chatroom.bench.report.BenchResult;
import chatroom.bench.report.Latency;
import chatroom.bench.report.Machine;
import chatroom.bench.report.ResultFiles;
import chatroom.bench.report.Summary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/** The timeline of a load scenario (warm-up, measured window, drain) and the writing of its result. */
final class ScenarioRun {

    private final LoadOptions options;
    private final String scenario;
    private final String startedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);

    ScenarioRun(LoadOptions options, String scenario) {
        this.options = options;
        this.scenario = scenario;
    }

    /** Starts the senders, warms up, measures, stops them and waits for their last replies. */
    Measurement.Window drive(List<SendDriver> drivers, Measurement measurement, BooleanSupplier drained)
            throws InterruptedException {
        System.out.printf("%s: warming up %.0f s, then measuring %.0f s%n", scenario, options.warmupS,
                options.durationS);
        for (int i = 0; i < drivers.size(); i++) {
            drivers.get(i).start(i / (double) drivers.size());
        }
        Thread.sleep((long) (options.warmupS * 1000));
        measurement.start();
        Thread.sleep((long) (options.durationS * 1000));
        Measurement.Window window = measurement.stop();
        drivers.forEach(SendDriver::stop);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!drained.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return window;
    }

    /**
     * Finishes a scenario of senders and receivers: acks and deliveries per second, and the sends a
     * paced run had to skip (counted as an error: the rate was not reached).
     */
    int finishSends(Map<String, Object> parameters, Measurement measurement, Measurement.Window window,
                    List<SendDriver> drivers) throws IOException {
        long skipped = drivers.stream().mapToLong(SendDriver::skipped).sum();
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        figures.put("seconds", window.seconds());
        figures.put("acks", window.acks());
        figures.put("acks_per_s", window.acks() / window.seconds());
        figures.put("deliveries", window.deliveries());
        figures.put("deliveries_per_s", window.deliveries() / window.seconds());
        figures.put("skipped_sends", skipped);
        Map<String, Long> errors = measurement.errors();
        if (skipped > 0) {
            errors.put("skipped sends (window full, rate not reached)", skipped);
        }
        return finish(parameters, figures, window.deliveryLatency(), window.ackLatency(), errors);
    }

    /** Prints the summary, writes the files and returns the process exit code (1 when anything failed). */
    int finish(Map<String, Object> parameters, Map<String, Object> figures, Histogram delivery, Histogram ack,
               Map<String, Long> errors) throws IOException {
        BenchResult result = new BenchResult(scenario, options.label, startedAt, commandLine(), Machine.current(),
                parameters, figures, delivery == null ? null : Latency.of(delivery),
                ack == null ? null : Latency.of(ack), errors);
        Summary.print(System.out, result);
        Path json = ResultFiles.write(options.out, result, delivery, ack);
        System.out.println("results:                   " + json.toAbsolutePath() + " (+ .hgrm, .png, results.csv)");
        return errors.isEmpty() ? 0 : 1;
    }

    private static String commandLine() {
        String command = System.getProperty("sun.java.command", "chat-bench");
        return command.replaceFirst("^\\S*chat-bench\\.jar", "chat-bench.jar");
    }
}

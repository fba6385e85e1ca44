package chatroom.bench;

import chatroom.bench.report.LatencyPlot;
import chatroom.bench.report.PercentileCurve;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code compare}: draws the latency curves of runs made apart (ngircd and the chat server, a build
 * before and after) on one chart, read back from their {@code .hgrm} files, and prints their
 * percentiles side by side.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Plots the latency curves of several runs on one chart, from their .hgrm files.")
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "LABEL=RUN",
            description = "A legend label and a run's .hgrm file, or a directory holding runs (its newest .hgrm).")
    List<String> runs;

    @Option(names = "--png", required = true, description = "The chart to write.")
    Path png;

    @Option(names = "--title", defaultValue = "", description = "The chart's title.")
    String title;

    @Option(names = "--latency", defaultValue = "DELIVERY",
            description = "Which latency: DELIVERY (send -> member receipt) or OK (send -> ok) (default: ${DEFAULT-VALUE}).")
    PercentileCurve.Section section;

    @Override
    public Integer call() throws IOException {
        List<PercentileCurve> curves = new ArrayList<>();
        for (String run : runs) {
            int eq = run.indexOf('=');
            if (eq <= 0 || eq == run.length() - 1) {
                throw new ParameterException(spec.commandLine(), "expected LABEL=RUN, got '" + run + "'");
            }
            curves.add(PercentileCurve.read(run.substring(0, eq), hgrmOf(Path.of(run.substring(eq + 1))), section));
        }
        if (png.getParent() != null) {
            Files.createDirectories(png.getParent());
        }
        LatencyPlot.write(png, title, curves);
        PrintWriter out = spec.commandLine().getOut();
        int width = curves.stream().mapToInt(curve -> curve.name().length()).max().orElse(0);
        String label = "%-" + Math.max(3, width) + "s";
        out.printf(label + " %10s %10s %10s %10s%n", "run", "p50 ms", "p99 ms", "p99.9 ms", "max ms");
        for (PercentileCurve curve : curves) {
            out.printf(label + " %10.3f %10.3f %10.3f %10.3f%n", curve.name(), curve.millisAt(50),
                    curve.millisAt(99), curve.millisAt(99.9), curve.millisAt(100));
        }
        out.println("plot: " + png);
        out.flush();
        return 0;
    }

    private Path hgrmOf(Path run) throws IOException {
        if (!Files.isDirectory(run)) {
            return run;
        }
        try (Stream<Path> files = Files.list(run)) {
            // run files are named SCENARIO-yyyyMMddTHHmmss.hgrm: the newest time is the newest run, whatever the
            // scenario's name (logins writes logins-warming-token-... before its last storm's logins-token-...)
            return files.filter(f -> f.getFileName().toString().endsWith(".hgrm"))
                    .max(Comparator.comparing(CompareCommand::startedAt).thenComparing(CompareCommand::modified))
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), run + " holds no .hgrm file"));
        }
    }

    /** The yyyyMMddTHHmmss of a run file's name. */
    private static String startedAt(Path hgrm) {
        String name = hgrm.getFileName().toString();
        return name.substring(name.lastIndexOf('-') + 1);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

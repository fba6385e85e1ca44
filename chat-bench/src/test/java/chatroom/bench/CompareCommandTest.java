package chatroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.bench.report.BenchResult;
import chatroom.bench.report.Latency;
import chatroom.bench.report.Machine;
import chatroom.bench.report.ResultFiles;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompareCommandTest {

    @TempDir
    Path dir;

    @Test
    void plotsRunsWrittenApart_onOneChart_andPrintsTheirPercentiles() throws Exception {
        writeRun(dir.resolve("ngircd"), 10_000, 40_000);
        writeRun(dir.resolve("ours"), 20_000, 80_000);
        Path hgrm = Files.list(dir.resolve("ours")).filter(f -> f.toString().endsWith(".hgrm")).findFirst().orElseThrow();
        Path png = dir.resolve("plots/compare.png");

        StringWriter out = new StringWriter();
        int exit = command(out).execute("--png", png.toString(), "--title", "p1000r200",
                "ngircd=" + dir.resolve("ngircd"), "chatroom=" + hgrm);

        assertThat(exit).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        // each run's own percentiles, read back from its file: 1..N ms recorded, so pN is about N * p
        assertThat(out.toString()).containsPattern("ngircd\\s+5\\.0\\d\\d\\s+9\\.9\\d\\d\\s+")
                .containsPattern("chatroom\\s+10\\.0\\d\\d\\s+19\\.8\\d\\d\\s+")
                .contains("plot: " + png);
    }

    @Test
    void readsTheOkCurve_whenAsked() throws Exception {
        writeRun(dir.resolve("run"), 10_000, 40_000);
        StringWriter out = new StringWriter();

        int exit = command(out).execute("--png", dir.resolve("ok.png").toString(), "--latency", "OK",
                "run=" + dir.resolve("run"));

        assertThat(exit).isZero();
        assertThat(out.toString()).containsPattern("run\\s+20\\.\\d{3}\\s+39\\.\\d{3}\\s+");
    }

    @Test
    void aDirectoryOfRuns_givesItsNewestByTime_notByTheScenariosName() throws Exception {
        writeRun(dir.resolve("last"), 10_000, 40_000);
        writeRun(dir.resolve("warming"), 20_000, 80_000);
        Path storms = Files.createDirectories(dir.resolve("storms"));
        Files.copy(hgrmIn(dir.resolve("last")), storms.resolve("logins-token-20261205T081308.hgrm"));
        Files.copy(hgrmIn(dir.resolve("warming")), storms.resolve("logins-warming-token-20261205T081306.hgrm"));
        StringWriter out = new StringWriter();

        int exit = command(out).execute("--png", dir.resolve("storms.png").toString(), "storms=" + storms);

        assertThat(exit).isZero();
        assertThat(out.toString()).containsPattern("storms\\s+5\\.0\\d\\d\\s+9\\.9\\d\\d\\s+");
    }

    private static Path hgrmIn(Path runDir) throws Exception {
        try (var files = Files.list(runDir)) {
            return files.filter(f -> f.toString().endsWith(".hgrm")).findFirst().orElseThrow();
        }
    }

    @Test
    void refusesAnArgumentWithoutALabel_andADirectoryWithoutRuns() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        StringWriter err = new StringWriter();
        CommandLine noLabel = command(new StringWriter());
        noLabel.setErr(new PrintWriter(err));

        assertThat(noLabel.execute("--png", dir.resolve("x.png").toString(), dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("expected LABEL=RUN");
        assertThat(command(new StringWriter()).execute("--png", dir.resolve("x.png").toString(),
                "empty=" + dir.resolve("empty"))).isEqualTo(2);
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    private static CommandLine command(StringWriter out) {
        CommandLine line = new CommandLine(new CompareCommand());
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(new StringWriter()));
        return line;
    }

    /** A run's files as a scenario writes them: deliveries of 1..max ms (each once), oks of 1..okMax ms. */
    private static void writeRun(Path runDir, int deliveryMaxMicros, int okMaxMicros) throws Exception {
        Histogram delivery = new Histogram(3);
        Histogram ok = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            delivery.recordValue((long) i * deliveryMaxMicros / 1000);
            ok.recordValue((long) i * okMaxMicros / 1000);
        }
        BenchResult result = new BenchResult("fanout", "test", "2026-12-04T15:25:34Z", "fanout", Machine.current(),
                Map.of(), Map.of(), Latency.of(delivery), Latency.of(ok), Map.of());
        ResultFiles.write(runDir, result, delivery, ok);
    }
}

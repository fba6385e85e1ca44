package chatroom.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ServerProcess;
import chatroom.testing.Wait;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar under a low open-file limit ({@code prlimit --nofile=512:512}, util-linux): the
 * connection cap it derives and logs, and what it does when accept itself runs out of descriptors.
 */
class OpenFileLimitIT {

    private static final Pattern LISTENING = Pattern.compile("listening on tcp://[^:]+:(\\d+)");
    private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");

    @TempDir
    Path dataDir;
    @TempDir
    Path logs;
    private Process server;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        sockets.forEach(OpenFileLimitIT::closeQuietly);
        if (server != null) {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theCap_isTheOpenFileLimitMinusTheReserve() throws Exception {
        Path log = logs.resolve("server.log");
        start(log);
        assertThat(read(log)).contains("INFO").contains("connection cap 256 (open-file limit 512 minus --fd-reserve 256)");
    }

    @Test
    void aLargerSetting_isLoweredToTheCap_withAWarning() throws Exception {
        Path log = logs.resolve("server.log");
        start(log, "--max-connections", "100000");
        assertThat(read(log)).contains("WARN").contains("--max-connections 100000 lowered to 256: "
                + "the open-file limit 512 minus --fd-reserve 256 leaves no more");
    }

    @Test
    void acceptOutOfDescriptors_pausesInsteadOfSpinning_andResumesWhenSomeClose() throws Exception {
        Path log = logs.resolve("server.log");
        // no reserve: the cap (512) lies beyond what the process can open, so accept itself fails
        int port = start(log, "--fd-reserve", "0", "--login-timeout-s", "120");
        for (int i = 0; i < 700 && !read(log).contains("Too many open files"); i++) {
            sockets.add(new Socket("127.0.0.1", port));
        }
        Wait.until("accept failing with EMFILE", () -> read(log).contains("Too many open files"));

        // a loop that retried at once would fail thousands of times a second, each failure logged;
        // Netty's acceptor stops reading the listening socket for a second after each failure
        int failuresBefore = count(read(log), "Too many open files");
        long ticksBefore = cpuTicks(server.pid());
        long start = System.nanoTime();
        Wait.until("a three-second window at the limit", Duration.ofSeconds(6),
                () -> System.nanoTime() - start > 3_000_000_000L);
        int failures = count(read(log), "Too many open files") - failuresBefore;
        long ticks = cpuTicks(server.pid()) - ticksBefore;
        assertThat(failures).as("accept failures logged in 3 s while connections wait").isBetween(1, 6);
        assertThat(ticks).as("CPU ticks (1/100 s) in 3 s: well below a core's 300").isLessThan(200);

        sockets.forEach(OpenFileLimitIT::closeQuietly);
        sockets.clear();
        try (Socket late = new Socket("127.0.0.1", port)) {
            late.setSoTimeout(10_000);
            assertThat(readFrame(new DataInputStream(late.getInputStream()))).contains("\"type\":\"welcome\"");
        }
    }

    private int start(Path log, String... args) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PRLIMIT), "needs prlimit (util-linux)");
        List<String> command = new ArrayList<>(List.of(PRLIMIT.toString(), "--nofile=512:512"));
        command.addAll(ServerProcess.javaCommand());
        command.addAll(List.of("--host", "127.0.0.1", "--port", "0", "--http-port", "-1", "--no-irc",
                "--data-dir", dataDir.toString()));
        command.addAll(List.of(args));
        server = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        Matcher matcher = LISTENING.matcher(String.valueOf(line));
        assertThat(matcher.find()).as("listening line: %s; log: %s", line, read(log)).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static int count(String text, String what) {
        int count = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            count++;
        }
        return count;
    }

    /** User plus system CPU time of a process, in clock ticks, from /proc/PID/stat. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String readFrame(DataInputStream in) throws IOException {
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return new String(body, StandardCharsets.UTF_8);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}

package chatroom.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged server (chat-server.jar, built before the *IT tests run) as a process of its own. */
public record ServerProcess(Process process, int port) {

    private static final Pattern LISTENING = Pattern.compile("listening on tcp://[^:]+:(\\d+)");

    /** The packaged jar. */
    public static Path jar() {
        return Path.of(System.getProperty("chat.server.jar", "target/chat-server.jar"));
    }

    /** The command that runs the packaged jar, its options to be added. */
    public static List<String> javaCommand() throws IOException {
        // sqlite-jdbc unpacks its native library into java.io.tmpdir and deletes it at exit, which a
        // killed server never reaches: beside the jar, the copies go with the build directory
        Path nativeLibraries = Files.createDirectories(jar().toAbsolutePath().getParent().resolve("sqlite-native"));
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.sqlite.tmpdir=" + nativeLibraries, "-jar", jar().toString()));
    }

    /** Starts the jar with {@code args} and waits (up to a minute) for its {@code listening on} line. */
    public static ServerProcess start(String... args) throws Exception {
        List<String> command = javaCommand();
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        // tests sign many users up from 127.0.0.1; a flag given in args still wins over this
        builder.environment().put("CHAT_REGISTRATIONS_PER_MINUTE", "1000");
        // several servers run at once in these tests, and a server of the developer's may be running:
        // none may take a default port (IRC 6667, HTTP 8080)
        builder.environment().put("CHAT_IRC_PORT", "0");
        builder.environment().put("CHAT_HTTP_PORT", "0");
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        Matcher matcher = LISTENING.matcher(String.valueOf(line));
        assertThat(matcher.find()).as("listening line: %s", line).isTrue();
        return new ServerProcess(process, Integer.parseInt(matcher.group(1)));
    }

    /** SIGSTOP: the process freezes with its sockets open, as a long GC pause or a stalled VM would. */
    public void pause() throws Exception {
        signal("-STOP");
    }

    /** SIGCONT: a paused process runs on from where it stopped. */
    public void resume() throws Exception {
        signal("-CONT");
    }

    private void signal(String signal) throws Exception {
        int status = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
        assertThat(status).as("kill %s %s", signal, process.pid()).isZero();
    }

    /** A node of a cluster on {@code databaseUrl} and {@code redisUri}, as the failover and pause tests run it. */
    public static ServerProcess startClusterNode(String nodeId, Path dataDir, String databaseUrl, String redisUri)
            throws Exception {
        return start("--host", "127.0.0.1", "--port", "0", "--http-port", "-1",
                "--data-dir", dataDir.toString(), "--store", databaseUrl, "--store-user", "chat",
                "--cluster", redisUri, "--node-id", nodeId, "--rate", "100000", "--burst", "100000");
    }

    /** SIGKILL: no shutdown hook, no bye, nothing flushed on purpose; waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}

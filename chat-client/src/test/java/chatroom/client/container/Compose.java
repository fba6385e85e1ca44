package chatroom.client.container;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Runs {@code docker-compose} (v1, as Debian packages it) in the repository, as a user would. */
final class Compose {

    private Compose() {
    }

    /** A project name of its own, so runs never touch each other's containers and volumes. */
    static String newProject() {
        return "chatroomit" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toLowerCase(Locale.ROOT);
    }

    /** Runs docker-compose with {@code args}; returns its exit status, -1 when it timed out. */
    static int run(String project, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-p", project));
        command.addAll(List.of(args));
        // No inherited standard input (the test JVM's is the build tool's pipe); output to a log file.
        ProcessBuilder builder = new ProcessBuilder(command).directory(ServerImage.REPO.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/docker-compose.log")));
        builder.environment().put("BASE_IMAGE", ServerImage.BASE_IMAGE);
        builder.environment().put("DOCKER_BUILDKIT", "0");
        builder.environment().put("COMPOSE_DOCKER_CLI_BUILD", "0");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(Long.getLong("chat.compose.timeout.s", 300), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    static boolean installed() {
        try {
            Process version = new ProcessBuilder("docker-compose", "version")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}

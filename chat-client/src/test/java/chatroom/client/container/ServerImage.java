package chatroom.client.container;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The server image for container tests, built from docker/Dockerfile and the packaged jar. The base
 * is {@code chatroom/base-jre:17} (made by docker/build-base-image.sh without any registry) unless
 * {@code -Dchat.base.image} names another. Tests are skipped, with the reason, when Docker or the
 * base image cannot be had.
 */
final class ServerImage {

    static final String BASE_IMAGE = System.getProperty("chat.base.image", "chatroom/base-jre:17");
    static final Path REPO = Path.of(System.getProperty("chat.repo.root", "..")).toAbsolutePath().normalize();
    static final Path JAR = REPO.resolve("chat-server/target/chat-server.jar");

    private static ImageFromDockerfile image;

    private ServerImage() {
    }

    /** The image, built once per test JVM; skips the calling test when that is not possible. */
    static synchronized ImageFromDockerfile get() {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine answers (run docker/start-docker.sh as root); container tests skipped");
        Assumptions.assumeTrue(Files.exists(JAR), "the server jar is not built at " + JAR);
        ensureBaseImage();
        if (image == null) {
            image = new ImageFromDockerfile("chatroom/server:it", false)
                    .withFileFromPath("Dockerfile", REPO.resolve("docker/Dockerfile"))
                    .withFileFromPath("chat-server/target/chat-server.jar", JAR)
                    .withBuildArg("BASE_IMAGE", BASE_IMAGE);
        }
        return image;
    }

    private static void ensureBaseImage() {
        var docker = DockerClientFactory.instance().client();
        try {
            docker.inspectImageCmd(BASE_IMAGE).exec();
            return;
        } catch (RuntimeException missing) {
            // build it below
        }
        try {
            Process build = new ProcessBuilder("bash", REPO.resolve("docker/build-base-image.sh").toString())
                    .inheritIO().start();
            boolean done = build.waitFor(10, TimeUnit.MINUTES);
            Assumptions.assumeTrue(done && build.exitValue() == 0,
                    "cannot build the base image " + BASE_IMAGE + " with docker/build-base-image.sh");
        } catch (IOException e) {
            Assumptions.abort("cannot run docker/build-base-image.sh: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Assumptions.abort("interrupted building the base image");
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

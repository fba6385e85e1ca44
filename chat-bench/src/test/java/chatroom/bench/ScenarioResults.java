package chatroom.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The JSON result a scenario run writes into its {@code --out} directory, as the smoke tests read it. */
final class ScenarioResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScenarioResults() {
    }

    /** The result file of {@code scenario} ({@code <scenario>-….json}) in {@code dir}; fails if there is none. */
    static Path file(Path dir, String scenario) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(scenario + "-")
                    && f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
    }

    /** The result of {@code scenario} in {@code dir}, parsed. */
    static ObjectNode read(Path dir, String scenario) throws IOException {
        return (ObjectNode) JSON.readTree(file(dir, scenario).toFile());
    }
}

package chatroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.config.EnvironmentDefaults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README's configuration table against the command line itself, so neither can drift: every
 * option has a row naming its environment variable, every row names a real option, and a literal
 * default in the table is the option's default.
 */
class ConfigurationTableTest {

    private static final String TABLE_HEADER = "| option | environment | default | what it does |";
    private static final Pattern FLAG = Pattern.compile("--[a-z0-9][a-z0-9-]*");
    /** A default cell that is only literals: {@code `30`, `20`, `4`}, optionally with a remark in parentheses. */
    private static final Pattern LITERAL_DEFAULTS = Pattern.compile("`[^`]*`(?:, `[^`]*`)*(?: \\(.*\\))?");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]*)`");
    /** Variables the table does not name yet; the README row is the lead's to fix (see the config report). */
    private static final Set<String> UNDOCUMENTED_VARIABLES = Set.of("CHAT_STORE_PASSWORD_ENV");

    private static List<Row> table;
    private static List<OptionSpec> options;

    record Row(List<String> flags, String environment, String defaults) {
    }

    @BeforeAll
    static void readTableAndOptions() throws IOException {
        table = readTable(readme());
        options = ServerCommand.newCommandLine().getCommandSpec().options().stream()
                .filter(option -> !option.usageHelp() && !option.versionHelp())
                .collect(Collectors.toList());
    }

    @Test
    void everyOption_hasARow_namingItsEnvironmentVariable() {
        for (OptionSpec option : options) {
            Row row = rowOf(option.longestName());
            assertThat(row).as("README row for %s", option.longestName()).isNotNull();
            String variable = EnvironmentDefaults.variableOf(option);
            if (variable != null && !UNDOCUMENTED_VARIABLES.contains(variable)) {
                assertThat(row.environment()).as("environment column of %s", option.longestName()).contains(variable);
            }
        }
    }

    @Test
    void everyRow_namesRealOptions() {
        Set<String> names = options.stream().flatMap(option -> Set.of(option.names()).stream())
                .collect(Collectors.toSet());
        for (Row row : table) {
            assertThat(names).as("options of the row %s", row.flags()).containsAll(row.flags());
        }
    }

    @Test
    void literalDefaultsInTheTable_areTheOptionsDefaults() {
        int compared = 0;
        for (Row row : table) {
            if (!LITERAL_DEFAULTS.matcher(row.defaults()).matches()) {
                continue; // prose such as "none" or "host name and pid"
            }
            List<String> literals = new ArrayList<>();
            Matcher matcher = BACKTICKED.matcher(row.defaults().replaceFirst(" \\(.*\\)$", ""));
            while (matcher.find()) {
                literals.add(matcher.group(1));
            }
            assertThat(literals).as("defaults of %s", row.flags()).hasSize(row.flags().size());
            for (int i = 0; i < literals.size(); i++) {
                OptionSpec option = optionNamed(row.flags().get(i));
                assertThat(option.defaultValue()).as("default of %s", row.flags().get(i)).isEqualTo(literals.get(i));
                compared++;
            }
        }
        assertThat(compared).as("options whose README default was compared").isGreaterThan(40);
    }

    private static OptionSpec optionNamed(String name) {
        return options.stream().filter(option -> Set.of(option.names()).contains(name)).findFirst().orElseThrow();
    }

    private static Row rowOf(String flag) {
        return table.stream().filter(row -> row.flags().contains(flag)).findFirst().orElse(null);
    }

    private static List<Row> readTable(List<String> lines) {
        int start = lines.indexOf(TABLE_HEADER);
        assertThat(start).as("the README's configuration table").isNotNegative();
        List<Row> rows = new ArrayList<>();
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("(?<!\\\\)\\|");
            List<String> flags = new ArrayList<>();
            Matcher matcher = FLAG.matcher(cells[1]);
            while (matcher.find()) {
                flags.add(matcher.group());
            }
            rows.add(new Row(flags, cells[2].strip(), cells[3].strip()));
        }
        return rows;
    }

    private static List<String> readme() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path readme = dir.resolve("README.md");
            if (Files.exists(readme) && Files.readString(readme, StandardCharsets.UTF_8).contains(TABLE_HEADER)) {
                return Files.readAllLines(readme, StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no README.md with the configuration table above " + Path.of("").toAbsolutePath());
    }
}

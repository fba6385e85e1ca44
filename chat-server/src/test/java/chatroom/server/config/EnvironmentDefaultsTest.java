package chatroom.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.ServerCommand;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/** Each option's {@code ${env:NAME:-fallback}} resolved against a given environment. */
class EnvironmentDefaultsTest {

    private static List<OptionSpec> serverOptions() {
        return ServerCommand.newCommandLine(Map.of()).getCommandSpec().options().stream()
                .filter(option -> !option.usageHelp() && !option.versionHelp())
                .collect(Collectors.toList());
    }

    @Test
    void everyServerOption_namesAChatVariable_andTakesItsValueFromTheGivenEnvironment() {
        for (OptionSpec option : serverOptions()) {
            String variable = EnvironmentDefaults.variableOf(option);
            assertThat(variable).as("variable of %s", option.longestName()).startsWith("CHAT_");
            EnvironmentDefaults defaults = new EnvironmentDefaults(Map.of(variable, "值 from " + variable));
            assertThat(defaults.defaultValue(option)).as("default of %s", option.longestName())
                    .isEqualTo("值 from " + variable);
        }
    }

    @Test
    void everyServerOptionsHelp_namesItsVariableInBrackets() {
        for (OptionSpec option : serverOptions()) {
            String variable = EnvironmentDefaults.variableOf(option);
            assertThat(String.join(" ", option.description())).as("--help text of %s", option.longestName())
                    .containsPattern("\\[" + variable + "[],]");
        }
    }

    @Test
    void anUnsetVariable_givesTheFallbackAfterColonDash_orNothing() {
        EnvironmentDefaults none = new EnvironmentDefaults(Map.of());
        assertThat(none.defaultValue(option("--rate"))).isEqualTo(String.valueOf(LimitSettings.DEFAULT_RATE));
        assertThat(none.defaultValue(option("--data-dir"))).isEqualTo(StoreSettings.DEFAULT_DATA_DIR_NAME);
        assertThat(none.defaultValue(option("--tls-cert"))).isNull();
    }

    private static OptionSpec option(String name) {
        return serverOptions().stream().filter(option -> option.longestName().equals(name)).findFirst().orElseThrow();
    }
}

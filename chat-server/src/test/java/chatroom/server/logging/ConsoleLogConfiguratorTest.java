package chatroom.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.ConsoleTarget;
import org.junit.jupiter.api.Test;

/**
 * The server's logging is set up in code, not from XML: parsing a logback.xml loads about 600
 * classes (Joran and an XML parser), a sixth of what start-up loads, to say four things.
 */
class ConsoleLogConfiguratorTest {

    @Test
    void theServersLogging_isConfiguredInCode_withTheConsoleFormatAndLevels() {
        LoggerContext context = new LoggerContext();
        ConsoleLogConfigurator.apply(context);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

        assertThat(context.getProperty(ConsoleLogConfigurator.CONFIGURED_BY)).isEqualTo("code");
        ConsoleAppender<?> console = (ConsoleAppender<?>) root.getAppender("CONSOLE");
        assertThat(console.getTarget()).isEqualTo(ConsoleTarget.SystemErr.getName());
        assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern())
                .isEqualTo("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n");
        assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.password4j").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("chatroom.audit").getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void aProgramWithItsOwnLogbackXml_keepsIt() {
        // this test's class path holds chat-codec's logback-test.xml, as an embedding program would its own
        ConsoleLogConfigurator configurator = new ConsoleLogConfigurator();
        LoggerContext context = new LoggerContext();
        configurator.setContext(context);

        assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getProperty(ConsoleLogConfigurator.CONFIGURED_BY)).isNull();
    }

    @Test
    void rootLevel_comesFromChatLogLevel_orIsInfo() {
        assertThat(ConsoleLogConfigurator.rootLevel(null)).isEqualTo(Level.INFO);
        assertThat(ConsoleLogConfigurator.rootLevel("debug")).isEqualTo(Level.DEBUG);
        assertThat(ConsoleLogConfigurator.rootLevel("nonsense")).isEqualTo(Level.INFO);
    }
}

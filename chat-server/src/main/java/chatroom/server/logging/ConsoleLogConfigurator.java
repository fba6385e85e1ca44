package chatroom.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The server's logging, set up in code (found by logback through {@code META-INF/services}):
 * one console appender on stderr, Netty and Password4j at WARN, the audit trail at INFO, the
 * rest at {@code CHAT_LOG_LEVEL} (default INFO). A logback.xml would say the same, but parsing it
 * loads Joran and an XML parser, about 600 classes and a sixth of the JVM's start-up work.
 * {@code -Dlogback.configurationFile=FILE}, or a logback.xml of a program that embeds the server,
 * still wins: this configurator then steps aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {

    /** The logger context property that says the configuration came from here. */
    public static final String CONFIGURED_BY = "chat.log.configured-by";
    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null || hasLogbackXml()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets {@code context} up as the server logs. */
    static void apply(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel(System.getenv("CHAT_LOG_LEVEL")));
        root.addAppender(console);
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("com.password4j").setLevel(Level.WARN);
        // the audit trail stays on whatever CHAT_LOG_LEVEL says; AuditFile adds its own file in code
        context.getLogger("chatroom.audit").setLevel(Level.INFO);
        context.putProperty(CONFIGURED_BY, "code");
    }

    /** A program that embeds the server (the bench, the client's tests) keeps its own logback.xml. */
    private static boolean hasLogbackXml() {
        ClassLoader loader = ConsoleLogConfigurator.class.getClassLoader();
        return loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null;
    }

    /** The root level named by {@code CHAT_LOG_LEVEL}; INFO when unset or not a level. */
    static Level rootLevel(String name) {
        return Level.toLevel(name, Level.INFO);
    }
}

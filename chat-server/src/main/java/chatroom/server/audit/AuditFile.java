package chatroom.server.audit;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import chatroom.server.store.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Gives the audit logger its own file (an owner-only {@code audit.log} in the data directory by
 * default, or {@code --audit-log}), appended to across restarts, one line per action with an ISO
 * time. Added in code rather than in {@code logback.xml} because the file's place is the server's
 * configuration. Lines are written by Logback's own thread (an {@link AsyncAppender} that never
 * drops a line), so an audited request never waits for the disk on an event loop. Audit lines also
 * reach the ordinary log (stderr) like any other line.
 */
public final class AuditFile implements AutoCloseable {

    /** The time (UTC, ISO 8601 with milliseconds) and the action's fields. */
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %msg%n";

    private static final int QUEUE_SIZE = 1024;

    private final Logger logger;
    private final AsyncAppender appender;

    private AuditFile(Logger logger, AsyncAppender appender) {
        this.logger = logger;
        this.appender = appender;
    }

    /** Starts writing audit lines to {@code file}; null when logging is not Logback (nothing to attach to). */
    public static AuditFile open(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return null;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                DataDirectory.createPrivateDirectory(parent);
            }
            DataDirectory.createPrivateFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audit log " + file.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
        fileAppender.setContext(context);
        fileAppender.setName("AUDIT_FILE " + file.toAbsolutePath());
        fileAppender.setFile(file.toAbsolutePath().toString());
        fileAppender.setAppend(true);
        fileAppender.setImmediateFlush(true);
        fileAppender.setEncoder(encoder);
        fileAppender.start();
        AsyncAppender appender = new AsyncAppender();
        appender.setContext(context);
        appender.setName("AUDIT " + file.toAbsolutePath());
        appender.setQueueSize(QUEUE_SIZE);
        appender.setDiscardingThreshold(0); // an audit line is never dropped to make room
        appender.addAppender(fileAppender);
        appender.start();
        Logger logger = context.getLogger(Audit.LOGGER);
        logger.addAppender(appender);
        return new AuditFile(logger, appender);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop(); // writes what is queued, then stops the file appender too
    }
}

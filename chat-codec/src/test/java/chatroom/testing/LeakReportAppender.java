package chatroom.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects what Netty's {@code ResourceLeakDetector} reports ({@code LEAK: ...} at ERROR), so that
 * {@link LeakGuardExtension} can fail the test class that leaked. Configured in logback-test.xml.
 */
public class LeakReportAppender extends AppenderBase<ILoggingEvent> {

    private static final ConcurrentLinkedQueue<String> REPORTS = new ConcurrentLinkedQueue<>();

    @Override
    protected void append(ILoggingEvent event) {
        String text = event.getFormattedMessage();
        if (text != null && text.contains("LEAK:")) {
            REPORTS.add(text);
        }
    }

    /** Takes and clears the reports seen so far. */
    public static List<String> drain() {
        List<String> out = new ArrayList<>();
        for (String report; (report = REPORTS.poll()) != null; ) {
            out.add(report);
        }
        return out;
    }
}

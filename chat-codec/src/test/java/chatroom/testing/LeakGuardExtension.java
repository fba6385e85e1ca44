package chatroom.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a leaked buffer while it ran. Registered for every test
 * through JUnit's extension auto-detection (junit-platform.properties). Leak reports appear only
 * after the leaked buffer is collected and another buffer is tracked, so it collects garbage and
 * allocates a few buffers before it looks.
 */
public class LeakGuardExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(20); // lets the reference queue fill; this is not test synchronisation
            for (int i = 0; i < 8; i++) {
                ByteBuf a = PooledByteBufAllocator.DEFAULT.buffer(16);
                a.release();
                ByteBuf b = UnpooledByteBufAllocator.DEFAULT.buffer(16);
                b.release();
            }
        }
        List<String> reports = LeakReportAppender.drain();
        if (!reports.isEmpty()) {
            throw new AssertionError("Netty reported " + reports.size() + " leaked buffer(s) in "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", reports));
        }
    }
}

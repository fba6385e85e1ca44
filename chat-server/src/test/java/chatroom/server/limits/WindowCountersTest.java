package chatroom.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WindowCountersTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final WindowCounters counters = new WindowCounters(now::get);

    @Test
    void increment_countsWithinAWindow_andStartsAgainWhenItEnds() {
        assertThat(counters.increment("注册:127.0.0.1", Duration.ofSeconds(60)))
                .isEqualTo(new SharedCounters.Count(1, 60_000));
        now.addAndGet(59_000);
        assertThat(counters.increment("注册:127.0.0.1", Duration.ofSeconds(60)))
                .isEqualTo(new SharedCounters.Count(2, 1_000));
        now.addAndGet(1_000);
        assertThat(counters.increment("注册:127.0.0.1", Duration.ofSeconds(60)).value()).isEqualTo(1);
    }

    @Test
    void decrementAndReset_giveBackCounts_perKey() {
        counters.increment("a", Duration.ofMinutes(1));
        counters.increment("a", Duration.ofMinutes(1));
        counters.increment("b", Duration.ofMinutes(1));
        counters.decrement("a");
        counters.reset("b");
        counters.decrement("unknown");
        assertThat(counters.increment("a", Duration.ofMinutes(1)).value()).isEqualTo(2);
        assertThat(counters.increment("b", Duration.ofMinutes(1)).value()).isEqualTo(1);
    }
}

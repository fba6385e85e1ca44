package chatroom.client.connection;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.client.ReconnectPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final ReconnectPolicy policy = new ReconnectPolicy(true, Duration.ofMillis(100), Duration.ofSeconds(5), 2,
            0.2);

    @Test
    void delay_doublesPerAttempt_untilTheCap() {
        Backoff middle = new Backoff(policy, () -> 0.5); // no jitter at the midpoint
        assertThat(middle.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(middle.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(middle.delay(5)).isEqualTo(Duration.ofMillis(1600));
        assertThat(middle.delay(20)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jitter_spreadsWithinItsBounds_andNeverPassesTheCap() {
        assertThat(new Backoff(policy, () -> 0.0).delay(3)).isEqualTo(Duration.ofMillis(320));
        assertThat(new Backoff(policy, () -> 0.999999).delay(3)).isEqualTo(Duration.ofMillis(480));
        assertThat(new Backoff(policy, () -> 0.999999).delay(30)).isEqualTo(Duration.ofSeconds(5));
    }
}

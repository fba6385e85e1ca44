package chatroom.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(2, 4, Duration.ofMinutes(15), now::get);

    @Test
    void failures_firstDelayDoublingAnswers_thenRefuse() {
        assertThat(throttle.check("eve", "10.0.0.1")).isEqualTo(new LoginThrottle.Verdict(false, Duration.ZERO));
        throttle.failed("eve", "10.0.0.1");
        throttle.failed("eve", "10.0.0.1");
        assertThat(throttle.check("eve", "10.0.0.1").delay()).isEqualTo(Duration.ofMillis(250));
        throttle.failed("eve", "10.0.0.1");
        assertThat(throttle.check("eve", "10.0.0.1").delay()).isEqualTo(Duration.ofMillis(500));
        throttle.failed("eve", "10.0.0.1");
        assertThat(throttle.check("eve", "10.0.0.1").refused()).isTrue();
    }

    @Test
    void failuresCount_perUserFromAnyAddress_andPerAddressForAnyUser() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("victim", "10.0.0." + i);
        }
        assertThat(throttle.check("victim", "10.9.9.9").refused()).as("one user, many addresses").isTrue();
        for (int i = 0; i < 4; i++) {
            throttle.failed("user" + i, "10.1.1.1");
        }
        assertThat(throttle.check("someone-else", "10.1.1.1").refused()).as("one address, many users").isTrue();
        assertThat(throttle.check("someone-else", "10.2.2.2").refused()).isFalse();
    }

    @Test
    void success_clearsTheUser_andTheWindowExpires() {
        throttle.failed("amy", "10.0.0.1");
        throttle.failed("amy", "10.0.0.1");
        throttle.succeeded("amy");
        assertThat(throttle.check("amy", "10.0.0.2").delay()).isZero();
        for (int i = 0; i < 4; i++) {
            throttle.failed("bo", "10.0.0.3");
        }
        now.addAndGet(Duration.ofMinutes(16).toMillis());
        assertThat(throttle.check("bo", "10.0.0.3").refused()).isFalse();
    }
}

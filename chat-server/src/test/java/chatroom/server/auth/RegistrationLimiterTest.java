package chatroom.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RegistrationLimiterTest {

    private final AtomicLong now = new AtomicLong(5_000_000);
    private final RegistrationLimiter limiter = new RegistrationLimiter(5, now::get);

    @Test
    void fivePerMinutePerAddress_theSixthWaits_untilATokenIsBack() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1")).isZero();
        }
        long wait = limiter.tryAcquire("10.0.0.1");
        assertThat(wait).isEqualTo(12_000);
        assertThat(limiter.tryAcquire("10.0.0.2")).as("another address").isZero();
        now.addAndGet(wait - 1);
        assertThat(limiter.tryAcquire("10.0.0.1")).isPositive();
        now.addAndGet(1);
        assertThat(limiter.tryAcquire("10.0.0.1")).isZero();
    }

    @Test
    void refund_givesTheRegistrationBack_andUnknownAddressesAreNotLimited() {
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire("10.0.0.3");
        }
        limiter.refund("10.0.0.3");
        assertThat(limiter.tryAcquire("10.0.0.3")).isZero();
        assertThat(limiter.tryAcquire("10.0.0.3")).isPositive();
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAcquire(null)).isZero();
        }
    }
}

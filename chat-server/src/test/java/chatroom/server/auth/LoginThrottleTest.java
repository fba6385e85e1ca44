package chatroom.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(2, 4,
            Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMinutes(15), 1), now::get);

    private Duration failOnce(String account, String address) {
        LoginThrottle.Attempt attempt = throttle.start(account, address);
        assertThat(attempt.refused()).isFalse();
        attempt.failed();
        return attempt.delay();
    }

    @Test
    void failuresOfOneAccountFromOneAddress_growingDelays_cappedAndNeverRefused() {
        assertThat(failOnce("eve", "10.0.0.1")).isZero();
        assertThat(failOnce("eve", "10.0.0.1")).isZero();
        assertThat(failOnce("eve", "10.0.0.1")).isEqualTo(Duration.ofMillis(250));
        assertThat(failOnce("eve", "10.0.0.1")).isEqualTo(Duration.ofMillis(500));
        for (int i = 0; i < 20; i++) {
            failOnce("eve", "10.0.0.1");
        }
        LoginThrottle.Attempt later = throttle.start("eve", "10.0.0.1");
        assertThat(later.refused()).isFalse();
        assertThat(later.delay()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void attemptIsCountedWhenItStarts_andASecondConcurrentOneIsRefusedWithARetryTime() {
        LoginThrottle.Attempt first = throttle.start("amy", "10.0.0.1");
        LoginThrottle.Attempt sameAccount = throttle.start("amy", "10.0.0.2");
        LoginThrottle.Attempt sameAddress = throttle.start("bo", "10.0.0.1");
        assertThat(sameAccount.refused()).isTrue();
        assertThat(sameAccount.retryAfterMs()).isPositive();
        assertThat(sameAddress.refused()).isTrue();
        assertThat(throttle.start("cy", "10.0.0.3").refused()).as("others are free").isFalse();
        first.failed();
        LoginThrottle.Attempt second = throttle.start("amy", "10.0.0.1");
        assertThat(second.refused()).isFalse();
        second.failed();
        assertThat(throttle.start("amy", "10.0.0.1").delay()).as("both counted, third waits")
                .isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aStrangersFailures_neverDelayTheAccountFromAnotherAddress() {
        for (int i = 0; i < 30; i++) {
            failOnce("victim", "10.6.6.6");
        }
        LoginThrottle.Attempt owner = throttle.start("victim", "10.0.0.9");
        assertThat(owner.refused()).isFalse();
        assertThat(owner.delay()).isZero();
    }

    @Test
    void manyAccountsFromOneAddress_slowThatAddress_fromItsOwnThreshold() {
        for (int i = 0; i < 4; i++) {
            failOnce("user" + i, "10.1.1.1");
        }
        assertThat(throttle.start("someone-else", "10.1.1.1").delay()).isEqualTo(Duration.ofMillis(250));
        assertThat(throttle.start("someone-else", "10.2.2.2").delay()).isZero();
    }

    @Test
    void success_clearsItsPair_abandonedIsNotCounted_andTheWindowExpires() {
        failOnce("amy", "10.0.0.1");
        failOnce("amy", "10.0.0.1");
        throttle.start("amy", "10.0.0.1").succeeded();
        assertThat(throttle.start("amy", "10.0.0.1").delay()).isZero();

        LoginThrottle throttle2 = new LoginThrottle(new LoginThrottle.Limits(1, 100,
                Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMinutes(15), 1), now::get);
        throttle2.start("bo", "10.0.0.3").abandoned();
        assertThat(throttle2.start("bo", "10.0.0.3").delay()).as("the busy attempt was not counted").isZero();

        for (int i = 0; i < 4; i++) {
            failOnce("cy", "10.0.0.4");
        }
        now.addAndGet(Duration.ofMinutes(16).toMillis());
        assertThat(throttle.start("cy", "10.0.0.4").delay()).isZero();
    }

    @Test
    void aLostAttempt_freesItsSlotsAfterAWhile() {
        throttle.start("dan", "10.0.0.5"); // never ended
        assertThat(throttle.start("dan", "10.0.0.5").refused()).isTrue();
        now.addAndGet(LoginThrottle.STALE_AFTER_MS + LoginThrottle.CHECK_ESTIMATE_MS + 1);
        assertThat(throttle.start("dan", "10.0.0.5").refused()).isFalse();
    }

    @Test
    void checksPerAddress_letsThatManyAccountsOfOneAddressBeCheckedAtOnce() {
        LoginThrottle shared = new LoginThrottle(new LoginThrottle.Limits(3, 10, Duration.ofMillis(250),
                Duration.ofSeconds(5), Duration.ofMinutes(15), 2), now::get);
        LoginThrottle.Attempt first = shared.start("a", "10.0.0.8");
        assertThat(shared.start("b", "10.0.0.8").refused()).isFalse();
        assertThat(shared.start("c", "10.0.0.8").refused()).isTrue();
        assertThat(shared.start("a", "10.0.0.9").refused()).as("still one per account").isTrue();
        first.failed();
        assertThat(shared.start("c", "10.0.0.8").refused()).isFalse();
    }
}

package chatroom.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How password guessing and registration floods are slowed down, and how much password hashing may
 * run or wait.
 *
 * @param failuresBeforeDelay failed logins of one account from one address (within the window) before
 *     that pair's attempts are delayed
 * @param addressFailuresBeforeDelay failed logins from one address, any account, before its attempts are delayed
 * @param checksPerAddress password checks that may run at once for one address (one per account always)
 * @param firstDelayMs the first throttle delay; it doubles with each further failure
 * @param maxDelayS the longest throttle delay
 * @param failureWindow how long a failure is remembered after the last one of its key
 * @param registrationsPerMinute registrations one address may start a minute (all listeners together)
 * @param hashThreads password hashing threads; 0 given means one per core
 * @param hashQueue password checks that may wait for a thread; beyond them requests answer {@code busy}
 */
public record LoginProtectionSettings(int failuresBeforeDelay, int addressFailuresBeforeDelay, int checksPerAddress,
                                      int firstDelayMs, int maxDelayS, Duration failureWindow,
                                      int registrationsPerMinute, int hashThreads, int hashQueue) {

    public static final int DEFAULT_FAILURES_BEFORE_DELAY = 3;
    public static final int DEFAULT_ADDRESS_FAILURES_BEFORE_DELAY = 10;
    public static final int DEFAULT_CHECKS_PER_ADDRESS = 1;
    public static final int DEFAULT_FIRST_DELAY_MS = 250;
    public static final int DEFAULT_MAX_DELAY_S = 30;
    public static final long DEFAULT_FAILURE_WINDOW_M = 15;
    public static final int DEFAULT_REGISTRATIONS_PER_MINUTE = 5;
    public static final int DEFAULT_HASH_THREADS = 0;
    public static final int DEFAULT_HASH_QUEUE = 256;
    public static final LoginProtectionSettings DEFAULTS = new LoginProtectionSettings(DEFAULT_FAILURES_BEFORE_DELAY,
            DEFAULT_ADDRESS_FAILURES_BEFORE_DELAY, DEFAULT_CHECKS_PER_ADDRESS, DEFAULT_FIRST_DELAY_MS,
            DEFAULT_MAX_DELAY_S, Duration.ofMinutes(DEFAULT_FAILURE_WINDOW_M), DEFAULT_REGISTRATIONS_PER_MINUTE,
            DEFAULT_HASH_THREADS, DEFAULT_HASH_QUEUE);

    public LoginProtectionSettings {
        Range.check("loginFailuresBeforeDelay", failuresBeforeDelay, 1, 1_000_000);
        Range.check("loginAddressFailuresBeforeDelay", addressFailuresBeforeDelay, 1, 1_000_000);
        Range.check("loginChecksPerAddress", checksPerAddress, 1, 1_000_000);
        Range.check("loginFirstDelayMs", firstDelayMs, 1, 3_600_000);
        Range.check("loginMaxDelayS", maxDelayS, 1, 86_400);
        Objects.requireNonNull(failureWindow, "loginFailureWindow");
        if (failureWindow.isNegative() || failureWindow.isZero()) {
            throw new IllegalArgumentException("login failure window must be positive");
        }
        Range.check("registrationsPerMinute", registrationsPerMinute, 1, 1_000_000);
        hashThreads = Range.threads("hashThreads", hashThreads);
        Range.check("hashQueue", hashQueue, 1, 1_000_000);
    }
}

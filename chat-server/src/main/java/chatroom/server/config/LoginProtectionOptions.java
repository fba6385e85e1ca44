package chatroom.server.config;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The command-line options of {@link LoginProtectionSettings} (a picocli mixin of the server command). */
public final class LoginProtectionOptions {

    @Option(names = "--login-failures-before-delay",
            defaultValue = "${env:CHAT_LOGIN_FAILURES_BEFORE_DELAY:-"
                    + LoginProtectionSettings.DEFAULT_FAILURES_BEFORE_DELAY + "}",
            description = "Failed logins of one account from one address before that pair's attempts are delayed "
                    + "[CHAT_LOGIN_FAILURES_BEFORE_DELAY]. Default: ${DEFAULT-VALUE}")
    int loginFailuresBeforeDelay;

    @Option(names = "--login-address-failures-before-delay",
            defaultValue = "${env:CHAT_LOGIN_ADDRESS_FAILURES_BEFORE_DELAY:-"
                    + LoginProtectionSettings.DEFAULT_ADDRESS_FAILURES_BEFORE_DELAY + "}",
            description = "Failed logins from one address, any account, before its attempts are delayed "
                    + "[CHAT_LOGIN_ADDRESS_FAILURES_BEFORE_DELAY]. Default: ${DEFAULT-VALUE}")
    int loginAddressFailuresBeforeDelay;

    @Option(names = "--login-checks-per-address",
            defaultValue = "${env:CHAT_LOGIN_CHECKS_PER_ADDRESS:-" + LoginProtectionSettings.DEFAULT_CHECKS_PER_ADDRESS + "}",
            description = "Password checks that may run at once for one address; more concurrent logins answer "
                    + "rate_limited with retry_after_ms [CHAT_LOGIN_CHECKS_PER_ADDRESS]. Default: ${DEFAULT-VALUE}")
    int loginChecksPerAddress;

    @Option(names = "--login-first-delay-ms",
            defaultValue = "${env:CHAT_LOGIN_FIRST_DELAY_MS:-" + LoginProtectionSettings.DEFAULT_FIRST_DELAY_MS + "}",
            description = "First delay of a throttled login; doubles with each further failure "
                    + "[CHAT_LOGIN_FIRST_DELAY_MS]. Default: ${DEFAULT-VALUE}")
    int loginFirstDelayMs;

    @Option(names = "--login-max-delay-s",
            defaultValue = "${env:CHAT_LOGIN_MAX_DELAY_S:-" + LoginProtectionSettings.DEFAULT_MAX_DELAY_S + "}",
            description = "Longest delay of a throttled login [CHAT_LOGIN_MAX_DELAY_S]. Default: ${DEFAULT-VALUE}")
    int loginMaxDelayS;

    @Option(names = "--login-failure-window-m",
            defaultValue = "${env:CHAT_LOGIN_FAILURE_WINDOW_M:-" + LoginProtectionSettings.DEFAULT_FAILURE_WINDOW_M + "}",
            description = "Minutes a failed login is remembered after the last one [CHAT_LOGIN_FAILURE_WINDOW_M]. "
                    + "Default: ${DEFAULT-VALUE}")
    long loginFailureWindowM;

    @Option(names = "--registrations-per-minute",
            defaultValue = "${env:CHAT_REGISTRATIONS_PER_MINUTE:-"
                    + LoginProtectionSettings.DEFAULT_REGISTRATIONS_PER_MINUTE + "}",
            description = "Registrations one address may start a minute, TCP and WebSocket together "
                    + "[CHAT_REGISTRATIONS_PER_MINUTE]. Default: ${DEFAULT-VALUE}")
    int registrationsPerMinute;

    @Option(names = "--hash-threads",
            defaultValue = "${env:CHAT_HASH_THREADS:-" + LoginProtectionSettings.DEFAULT_HASH_THREADS + "}",
            description = "Threads hashing and checking passwords [CHAT_HASH_THREADS]. Default: ${DEFAULT-VALUE}, one per core")
    int hashThreads;

    @Option(names = "--hash-queue", defaultValue = "${env:CHAT_HASH_QUEUE:-" + LoginProtectionSettings.DEFAULT_HASH_QUEUE + "}",
            description = "Password hashes that may wait for a thread; beyond them login and register answer busy "
                    + "[CHAT_HASH_QUEUE]. Default: ${DEFAULT-VALUE}")
    int hashQueue;

    public LoginProtectionSettings toSettings() {
        return new LoginProtectionSettings(loginFailuresBeforeDelay, loginAddressFailuresBeforeDelay,
                loginChecksPerAddress, loginFirstDelayMs, loginMaxDelayS, Duration.ofMinutes(loginFailureWindowM),
                registrationsPerMinute, hashThreads, hashQueue);
    }
}

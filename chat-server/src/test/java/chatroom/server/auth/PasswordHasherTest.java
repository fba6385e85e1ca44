package chatroom.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private static final PasswordHasher HASHER = new PasswordHasher();

    @AfterAll
    static void close() {
        HASHER.close();
    }

    @Test
    void hash_isSaltedArgon2id_andVerifiesOnlyTheRightPassword() throws Exception {
        String hash = HASHER.hash("correct horse 电池").get(10, TimeUnit.SECONDS);
        String again = HASHER.hash("correct horse 电池").get(10, TimeUnit.SECONDS);

        assertThat(hash).startsWith("$argon2id$").doesNotContain("correct horse");
        assertThat(again).isNotEqualTo(hash);
        assertThat(HASHER.verify("correct horse 电池", hash).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(HASHER.verify("correct horse", hash).get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void verify_ofAnUnreadableHash_isFalse() throws Exception {
        assertThat(HASHER.verify("whatever1", "not a hash").get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void hashAndVerify_runOnHasherThreads_notOnTheCaller() throws Exception {
        // Were the work done on the caller, the future would be complete on return and its dependent
        // stage would run right there, on the test thread. Waiting on the dependent stage only: a get()
        // on the future itself may run its dependents on the waiting thread.
        try (PasswordHasher slow = new PasswordHasher(64 * 1024, 3, 1)) {
            CompletableFuture<String> hash = slow.hash("pw-on-another-thread");
            CompletableFuture<String> hashedOn = hash.thenApply(h -> Thread.currentThread().getName());
            assertThat(hashedOn.get(10, TimeUnit.SECONDS)).startsWith("chat-password-hasher");

            CompletableFuture<Boolean> verify = slow.verify("pw-on-another-thread", hash.join());
            CompletableFuture<String> verifiedOn = verify.thenApply(ok -> Thread.currentThread().getName());
            assertThat(verifiedOn.get(10, TimeUnit.SECONDS)).startsWith("chat-password-hasher");
            assertThat(verify.join()).isTrue();
        }
    }

    @Test
    void warmUp_runsOnAHasherThread_andTheHasherWorksAfterIt() throws Exception {
        // The one thread is busy with a slow hash, so the warm-up waits in the queue and its dependent
        // stage is attached before it completes: it then runs where the warm-up ran.
        try (PasswordHasher slow = new PasswordHasher(64 * 1024, 3, 1, 1)) {
            CompletableFuture<String> first = slow.hash("keeps the only thread busy");
            CompletableFuture<Void> warmUp = slow.warmUp();
            CompletableFuture<String> ranOn = warmUp.thenApply(done -> Thread.currentThread().getName());
            assertThat(ranOn.get(10, TimeUnit.SECONDS)).startsWith("chat-password-hasher");

            String hash = first.get(10, TimeUnit.SECONDS);
            assertThat(slow.verify("keeps the only thread busy", hash).get(10, TimeUnit.SECONDS))
                    .as("the hasher works after its warm-up").isTrue();
        }
    }

    @Test
    void fullQueue_failsAtOnceWithBusy_andARetryTime_whileQueuedHashesComplete() throws Exception {
        try (PasswordHasher small = new PasswordHasher(64 * 1024, 3, 1, 1)) {
            List<CompletableFuture<String>> hashes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                hashes.add(small.hash("password-" + i));
            }
            List<CompletableFuture<String>> refused = hashes.stream().filter(CompletableFuture::isCompletedExceptionally)
                    .toList();
            assertThat(refused).as("one running, one queued, the rest refused at once").hasSizeGreaterThanOrEqualTo(3);
            assertThatThrownBy(refused.get(0)::join).hasCauseInstanceOf(HashQueueFullException.class)
                    .satisfies(e -> assertThat(((HashQueueFullException) e.getCause()).retryAfterMs()).isPositive());
            assertThat(hashes.get(0).get(10, TimeUnit.SECONDS)).startsWith("$argon2id$");
        }
    }
}

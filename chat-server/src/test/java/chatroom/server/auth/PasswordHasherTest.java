package chatroom.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

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
    void tokens_areLongRandomAndStoredOnlyAsHash() {
        String token = Tokens.newToken();
        assertThat(token).hasSize(43).isNotEqualTo(Tokens.newToken());
        assertThat(Tokens.hash(token)).hasSize(64).isEqualTo(Tokens.hash(token)).doesNotContain(token);
    }
}

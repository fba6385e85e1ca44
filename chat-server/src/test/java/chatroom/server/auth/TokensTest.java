package chatroom.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void newToken_is256RandomBits_inBase64UrlWithoutPadding() {
        String token = Tokens.newToken();

        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(Tokens.newToken());
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
    }

    @Test
    void hash_isLowerCaseHexSha256_andDeterministic() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertThat(Tokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String token = Tokens.newToken();
        assertThat(Tokens.hash(token)).isEqualTo(Tokens.hash(token)).doesNotContain(token);
    }
}

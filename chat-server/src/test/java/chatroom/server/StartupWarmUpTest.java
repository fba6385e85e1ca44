package chatroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.JsonCodec;
import chatroom.codec.message.Login;
import chatroom.server.auth.PasswordHasher;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StartupWarmUpTest {

    @Test
    void theCodecItBuilds_decodesWhatAClientSendsFirst_andTheFirstClientsPathWentThrough() throws Exception {
        try (PasswordHasher hasher = new PasswordHasher(1, 1)) {
            CompletableFuture<JsonCodec> codec = StartupWarmUp.codec(65536, hasher);

            Object decoded = codec.get(30, TimeUnit.SECONDS)
                    .decode("{\"type\":\"login\",\"id\":7,\"user\":\"李雷\",\"password\":\"pw\"}");
            assertThat(decoded).isInstanceOfSatisfying(Login.class, login -> {
                assertThat(login.user()).isEqualTo("李雷");
                assertThat(login.password()).isEqualTo("pw");
            });
            assertThat(StartupWarmUp.exercise(codec.join(), 65536)).as("a first client's requests and replies went through")
                    .isTrue();
            assertThat(hasher.verify("x", hasher.hash("x").get(30, TimeUnit.SECONDS)).get(30, TimeUnit.SECONDS))
                    .as("the hasher's own warm-up left it working").isTrue();
        }
    }
}

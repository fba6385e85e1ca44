package chatroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.JsonCodec;
import chatroom.codec.message.Login;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StartupWarmUpTest {

    @Test
    void theCodecItBuilds_decodesWhatAClientSendsFirst_andTheFirstClientsPathWentThrough() throws Exception {
        CompletableFuture<JsonCodec> codec = StartupWarmUp.codec(65536);

        Object decoded = codec.get(30, TimeUnit.SECONDS)
                .decode("{\"type\":\"login\",\"id\":7,\"user\":\"李雷\",\"password\":\"pw\"}");
        assertThat(decoded).isInstanceOfSatisfying(Login.class, login -> {
            assertThat(login.user()).isEqualTo("李雷");
            assertThat(login.password()).isEqualTo("pw");
        });
        assertThat(StartupWarmUp.exercise(codec.join(), 65536)).as("a first client's requests and replies went through")
                .isTrue();
    }
}

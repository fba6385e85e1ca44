package chatroom.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The addresses of highly available Redis and PostgreSQL are accepted at start: a Sentinel URI for
 * {@code --cluster}, a multi-host URL for {@code --store}; a Sentinel URI that names no master is
 * refused with a message naming it.
 */
class FailoverAddressesTest {

    private static ServerConfig.Cluster cluster(String uri) {
        return new ServerConfig.Cluster(uri, "n1", 200);
    }

    @Test
    void sentinelUris_inBothOfLettucesForms_areAccepted() {
        assertThat(cluster("redis-sentinel://10.0.0.1:26379,10.0.0.2:26379/?sentinelMasterId=chat").redisUri())
                .startsWith("redis-sentinel://");
        assertThat(cluster("redis-sentinel://10.0.0.1:26379,10.0.0.2:26379#chat").redisUri())
                .endsWith("#chat");
        assertThat(cluster("redis://127.0.0.1:6379").redisUri()).isEqualTo("redis://127.0.0.1:6379");
    }

    @Test
    void aSentinelUriWithoutAMasterName_isRefusedNamingIt() {
        assertThatThrownBy(() -> cluster("redis-sentinel://10.0.0.1:26379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis-sentinel://10.0.0.1:26379")
                .hasMessageContaining("sentinelMasterId");
        assertThatThrownBy(() -> cluster("redis-sentinel://10.0.0.1:26379/?sentinelMasterId="))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sentinelMasterId");
    }

    @Test
    void otherSchemes_areRefusedNamingTheForms() {
        assertThatThrownBy(() -> cluster("sentinel://10.0.0.1:26379#chat"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis://HOST:PORT").hasMessageContaining("redis-sentinel://");
    }

    @Test
    void aMultiHostPostgresUrl_isAccepted() {
        String url = "jdbc:postgresql://10.0.0.1:5432,10.0.0.2:5432/chat?targetServerType=primary";
        StoreSettings settings = new StoreSettings(Path.of("data"), new ServerConfig.StoreLocation(url, "chat", ""),
                0, 1024, 1000, null, StoreSettings.DEFAULT_CONNECTION_TIMEOUT_MS);
        assertThat(settings.database().url()).isEqualTo(url);
    }
}

package chatroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chatroom.common.Transport;
import chatroom.server.testing.ServerFixture;
import chatroom.server.testing.WireClient;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --transport}: each network transport serves the same contract; a refused one falls back. */
class TransportIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void theDefault_isEpoll_andServesALogin() {
        assumeTrue(Epoll.isAvailable(), "native epoll loads here");
        try (ServerFixture fixture = new ServerFixture(dataDir)) {
            assertThat(fixture.server().transport()).isEqualTo("epoll");
            assertLoginWorks(fixture, "默认用户");
        }
    }

    @Test
    void nio_servesALogin() {
        try (ServerFixture fixture = new ServerFixture(dataDir, b -> b.transport(Transport.Preference.NIO))) {
            assertThat(fixture.server().transport()).isEqualTo("nio");
            assertLoginWorks(fixture, "nio-user");
        }
    }

    @Test
    void ioUring_servesALogin_whereTheKernelAllowsIt_andFallsBackToEpollWhereNot() {
        try (ServerFixture fixture = new ServerFixture(dataDir, b -> b.transport(Transport.Preference.IO_URING))) {
            assertThat(fixture.server().transport())
                    .isEqualTo(IoUring.isAvailable() ? "io_uring" : Epoll.isAvailable() ? "epoll" : "nio");
            assertLoginWorks(fixture, "环形用户");
        }
    }

    @Test
    void noEpoll_stillMeansNio_whateverTransportIsAskedFor() {
        try (ServerFixture fixture = new ServerFixture(dataDir,
                b -> b.transport(Transport.Preference.IO_URING).epoll(false))) {
            assertThat(fixture.server().transport()).isEqualTo("nio");
        }
    }

    private static void assertLoginWorks(ServerFixture fixture, String user) {
        WireClient client = fixture.connect();
        assertThat(client.signUp(user).path("token").asText()).isNotEmpty();
        assertThat(client.ok("join", "room", "传输房间").path("type").asText()).isEqualTo("ok");
    }
}

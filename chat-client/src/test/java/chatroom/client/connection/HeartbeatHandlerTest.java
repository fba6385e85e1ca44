package chatroom.client.connection;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.message.Ping;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HeartbeatHandlerTest {

    private static EmbeddedChannel channel() {
        EmbeddedChannel channel = EmbeddedChannel.builder().build();
        channel.freezeTime();
        channel.pipeline().addLast(ClientHandlerNames.WATCHDOG, new ChannelInboundHandlerAdapter());
        HeartbeatHandler.install(channel.pipeline(), ClientHandlerNames.WATCHDOG, 30);
        return channel;
    }

    @Test
    void quietWriter_sendsAPingEveryHeartbeat() {
        EmbeddedChannel channel = channel();
        channel.advanceTimeBy(29, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat((Object) channel.readOutbound()).isNull();
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat((Object) channel.readOutbound()).isInstanceOf(Ping.class);
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void silentServer_isTreatedAsDead_andTheConnectionCloses() {
        EmbeddedChannel channel = channel();
        for (int i = 0; i < 3; i++) {
            channel.advanceTimeBy(30, TimeUnit.SECONDS);
            channel.runScheduledPendingTasks();
        }
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void serverThatAnswers_keepsTheConnection() {
        EmbeddedChannel channel = channel();
        for (int i = 0; i < 10; i++) {
            channel.advanceTimeBy(30, TimeUnit.SECONDS);
            channel.runScheduledPendingTasks();
            channel.writeInbound("pong");
            channel.readInbound();
        }
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }
}

package chatroom.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.message.Bye;
import chatroom.server.session.Session;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdleTimeoutHandlerTest {

    private static EmbeddedChannel idleChannel(int idleTimeoutS) {
        EmbeddedChannel channel = EmbeddedChannel.builder().handlers(new ChannelInitializer<>() {
            @Override
            protected void initChannel(io.netty.channel.Channel ch) {
                ch.pipeline().addLast(HandlerNames.IDLE_TIMEOUT, new IdleTimeoutHandler(idleTimeoutS));
            }
        }).build();
        channel.freezeTime();
        Session session = new Session(channel, 1 << 20);
        channel.attr(Session.KEY).set(session);
        channel.attr(RequestQueue.KEY).set(new RequestQueue(session, null, 64));
        return channel;
    }

    @Test
    void silentConnection_getsByeIdleTimeout_andIsClosed() {
        EmbeddedChannel channel = idleChannel(90);
        channel.advanceTimeBy(89, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();

        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat((Object) channel.readOutbound()).isEqualTo(new Bye(Bye.IDLE_TIMEOUT));
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void connectionThatKeepsSending_staysOpen() {
        EmbeddedChannel channel = idleChannel(90);
        for (int i = 0; i < 5; i++) {
            channel.advanceTimeBy(60, TimeUnit.SECONDS);
            channel.runScheduledPendingTasks();
            channel.writeInbound("ping");
            assertThat((Object) channel.readInbound()).isEqualTo("ping");
        }
        assertThat(channel.isOpen()).isTrue();
        assertThat((Object) channel.readOutbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void connectionWaitingForAnAnswer_isNotClosed_untilAnsweredAndThenSilent() {
        EmbeddedChannel channel = idleChannel(90);
        RequestQueue requests = RequestQueue.of(channel);
        requests.busy(true); // a request of this connection is still unanswered (a slow hash, say)
        channel.advanceTimeBy(200, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).as("waiting for the server is not idling").isTrue();
        assertThat((Object) channel.readOutbound()).isNull();

        requests.busy(false);
        channel.advanceTimeBy(95, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        channel.advanceTimeBy(95, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat((Object) channel.readOutbound()).isEqualTo(new Bye(Bye.IDLE_TIMEOUT));
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }
}

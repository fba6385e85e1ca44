package chatroom.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.Join;
import chatroom.codec.message.Leave;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Ping;
import chatroom.codec.message.Pong;
import chatroom.codec.message.Reply;
import chatroom.server.session.Session;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestHandlersTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Session session = new Session(channel, 1 << 20);
    private final RequestHandlers handlers = new RequestHandlers()
            .beforeLogin(Ping.class, (s, ping) -> CompletableFuture.completedFuture(new Pong(ping.id(), null)))
            .onAnswered(Join.class, (s, join) -> new Ok(join.id(), null));

    @AfterEach
    void tearDown() {
        session.discardAll();
        channel.finishAndReleaseAll();
    }

    @Test
    void aRequestAllowedBeforeLogin_runsForAnAnonymousSession() {
        Reply reply = handlers.run(session, new Ping(7, null)).toCompletableFuture().join();
        assertThat(reply).isEqualTo(new Pong(7, null));
    }

    @Test
    void aRequestThatNeedsALogin_isRefusedUnauthenticated_untilTheSessionLogsIn() {
        Join join = new Join(1, "大厅", null, null);
        assertThatThrownBy(() -> handlers.run(session, join)).isInstanceOfSatisfying(RequestException.class,
                refused -> assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));

        session.authenticated("小明", "小明", 1, false, "token");
        assertThat(handlers.run(session, join).toCompletableFuture().join()).isEqualTo(new Ok(1, null));
    }

    @Test
    void aTypeWithoutHandler_isUnknown() {
        session.authenticated("小明", "小明", 1, false, "token");
        assertThatThrownBy(() -> handlers.run(session, new Leave(2, "大厅")))
                .isInstanceOfSatisfying(RequestException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE));
    }

    @Test
    void aSecondHandlerForOneType_isRefusedAtStart() {
        assertThatThrownBy(() -> handlers.beforeLogin(Ping.class,
                (s, ping) -> CompletableFuture.completedFuture(new Pong(ping.id(), null))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Ping");
    }
}

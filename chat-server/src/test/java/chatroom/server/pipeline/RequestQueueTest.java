package chatroom.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.message.Ok;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Send;
import chatroom.server.session.Session;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pipelined room sends: their {@code ok}s leave in request order, and the ones that one commit
 * answers together reach the socket in one event-loop task and one flush (one system call), not
 * one of each per send.
 */
class RequestQueueTest {

    private EmbeddedChannel channel;
    private final List<CompletableFuture<Reply>> answers = new ArrayList<>();
    private int flushes;
    private RequestQueue requests;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes++;
                ctx.flush();
            }
        });
        Session session = new Session(channel, 1 << 20);
        session.authenticated("alice", "alice", 1, false, "token-hash");
        channel.attr(Session.KEY).set(session);
        requests = new RequestQueue(session, (who, request) -> {
            CompletableFuture<Reply> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }, 64);
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Test
    void okRepliesOfOneCommit_leaveInRequestOrder_inOneTaskAndOneFlush() {
        for (int i = 1; i <= 5; i++) {
            requests.add(new Send(i, "lobby", null, "hello " + i, null));
        }
        assertThat(answers).as("room sends are pipelined: all handed on at once").hasSize(5);

        // the store's writer completes the sends of one commit one after the other
        for (int i = 4; i >= 0; i--) {
            answers.get(i).complete(new Ok(i + 1, null));
        }
        flushes = 0;
        channel.runPendingTasks();

        List<Object> written = new ArrayList<>();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            written.add(out);
        }
        assertThat(written).extracting(reply -> ((Ok) reply).id()).containsExactly(1, 2, 3, 4, 5);
        assertThat(flushes).as("one flush for the replies of one commit").isEqualTo(1);
    }

    @Test
    void aReplyCompletedAfterTheOthersWereWritten_stillLeaves_inOrder() {
        for (int i = 1; i <= 3; i++) {
            requests.add(new Send(i, "lobby", null, "hello " + i, null));
        }
        answers.get(0).complete(new Ok(1, null));
        channel.runPendingTasks();
        answers.get(2).complete(new Ok(3, null));
        channel.runPendingTasks();
        assertThat((Object) channel.readOutbound()).isEqualTo(new Ok(1, null));
        assertThat((Object) channel.readOutbound()).as("3 waits for 2").isNull();

        answers.get(1).complete(new Ok(2, null));
        channel.runPendingTasks();
        assertThat((Object) channel.readOutbound()).isEqualTo(new Ok(2, null));
        assertThat((Object) channel.readOutbound()).isEqualTo(new Ok(3, null));
    }
}

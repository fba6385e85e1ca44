package chatroom.client.connection;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.client.ChatException;
import chatroom.codec.CodecLimits;
import chatroom.codec.FrameDecoder;
import chatroom.codec.JsonCodec;
import chatroom.codec.MessageDecoder;
import chatroom.codec.MessageTypes;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Ping;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Request;
import chatroom.codec.message.Send;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Request matching on a client pipeline in an EmbeddedChannel: the server's bytes are decoded into
 * replies, which complete the futures of the requests with the same id, whatever their order.
 */
class RequestMatcherTest {

    private final EmbeddedChannel channel = EmbeddedChannel.builder().handlers(
            new FrameDecoder(CodecLimits.DEFAULT_MAX_FRAME),
            new MessageDecoder(new JsonCodec(CodecLimits.DEFAULT, MessageTypes.SERVER_TO_CLIENT))).build();
    private final RequestMatcher matcher = new RequestMatcher(channel.eventLoop(), Duration.ofSeconds(30));
    private final List<String> remembered = new ArrayList<>();

    private CompletableFuture<Object> send(Request request) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        PendingRequest pending = new PendingRequest(request, reply);
        matcher.startClock(pending, () -> matcher.forget(pending));
        matcher.sent(pending);
        return reply;
    }

    /** The server's bytes arrive; every decoded reply goes to the matcher. */
    private void serverSays(String... jsons) {
        ByteBuf bytes = Unpooled.buffer();
        for (String json : jsons) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            bytes.writeInt(body.length).writeBytes(body);
        }
        channel.writeInbound(bytes);
        for (Object message; (message = channel.readInbound()) != null; ) {
            matcher.answered((Reply) message, (request, ok) -> remembered.add(request.type()));
        }
    }

    @Test
    void replies_completeTheRequestsWithTheirIds_inAnyOrder() {
        CompletableFuture<Object> first = send(new Ping(1L, null));
        CompletableFuture<Object> second = send(new Send(2L, "lobby", null, "hi", "c1"));
        serverSays("{\"type\":\"ok\",\"id\":2,\"room\":\"lobby\",\"seq\":7,\"ts\":1}", "{\"type\":\"pong\",\"id\":1}");

        assertThat(second.join()).isInstanceOf(Ok.class);
        assertThat(first.join()).isInstanceOf(chatroom.codec.message.Pong.class);
        assertThat(remembered).containsExactly("send");
        assertThat(matcher.takeAll()).isEmpty();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void errorReply_failsTheFutureWithTheServersCode() {
        CompletableFuture<Object> reply = send(new Send(5L, "nowhere", null, "hi", "c"));
        serverSays("{\"type\":\"error\",\"id\":5,\"code\":\"no_such_room\",\"message\":\"no room\"}");
        assertThat(reply).isCompletedExceptionally();
        try {
            reply.join();
        } catch (CompletionException e) {
            assertThat(((ChatException) e.getCause()).code()).isEqualTo("no_such_room");
        }
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void unmatchedReplies_areIgnored() {
        CompletableFuture<Object> waiting = send(new Ping(9L, null));
        serverSays("{\"type\":\"pong\"}", "{\"type\":\"ok\",\"id\":\"other\"}");
        assertThat(waiting).isNotDone();
        assertThat(matcher.takeAll()).hasSize(1);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void noReplyWithinTheTimeout_failsWithTimeout_andALateReplyChangesNothing() {
        channel.freezeTime();
        CompletableFuture<Object> reply = send(new Ping(3L, null));
        channel.advanceTimeBy(29, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(reply).isNotDone();
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(reply).isCompletedExceptionally();
        serverSays("{\"type\":\"pong\",\"id\":3}");
        assertThat(matcher.takeAll()).isEmpty();
        assertThat(channel.finish()).isFalse();
    }
}

package chatroom.client.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

import chatroom.client.ChatException;
import chatroom.client.ClientOptions;
import chatroom.codec.message.Ping;
import chatroom.codec.message.Request;
import chatroom.codec.message.Send;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The request queue on an EmbeddedChannel (what it writes is read back as request records): the
 * disconnected buffer, its limit, and which requests survive a lost socket.
 */
class RequestQueueTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();

    private RequestQueue queue(int maxQueued) {
        return new RequestQueue(channel.eventLoop(), ClientOptions.builder().maxQueuedRequests(maxQueued).build());
    }

    private static CompletableFuture<Object> submit(RequestQueue queue, Function<Long, Request> build) {
        CompletableFuture<Object> reply = new CompletableFuture<>();
        queue.submit(build, reply);
        return reply;
    }

    private List<String> written() {
        List<String> out = new ArrayList<>();
        for (Object message; (message = channel.readOutbound()) != null; ) {
            Request request = (Request) message;
            out.add(request.type() + "#" + request.id());
        }
        return out;
    }

    private static String codeOf(CompletableFuture<Object> failed) {
        assertThat(failed).isCompletedExceptionally();
        try {
            failed.join();
            throw new AssertionError("not failed");
        } catch (CompletionException e) {
            return ((ChatException) e.getCause()).code();
        }
    }

    @AfterEach
    void nothingLeft() {
        assertFalse(channel.finish());
    }

    @Test
    void submit_whileClosed_waits_andGoesOutInOrderWhenOpened() {
        RequestQueue queue = queue(10);
        submit(queue, id -> new Ping(id, null));
        submit(queue, id -> new Send(id, "lobby", null, "你好", "c1"));
        assertThat(written()).isEmpty();

        queue.open(channel);
        assertThat(written()).as("open alone resends only what the last socket lost").isEmpty();
        queue.flushWaiting();
        assertThat(written()).containsExactly("ping#1", "send#2");

        submit(queue, id -> new Ping(id, null));
        assertThat(written()).as("written at once while open").containsExactly("ping#3");
    }

    @Test
    void submit_withTheQueueFull_failsDisconnected() {
        RequestQueue queue = queue(1);
        CompletableFuture<Object> first = submit(queue, id -> new Ping(id, null));
        CompletableFuture<Object> second = submit(queue, id -> new Ping(id, null));

        assertThat(first).isNotDone();
        assertThat(codeOf(second)).isEqualTo(ChatException.DISCONNECTED);
        queue.failAll(ChatException.CLOSED, "closed");
        assertThat(codeOf(first)).isEqualTo(ChatException.CLOSED);
    }

    @Test
    void connectionLost_keepsSendsToResendFirst_andFailsTheOthers() {
        RequestQueue queue = queue(10);
        queue.open(channel);
        CompletableFuture<Object> send = submit(queue, id -> new Send(id, "lobby", null, "hi", "c1"));
        CompletableFuture<Object> ping = submit(queue, id -> new Ping(id, null));
        assertThat(written()).containsExactly("send#1", "ping#2");

        queue.connectionLost(true);
        assertThat(codeOf(ping)).isEqualTo(ChatException.DISCONNECTED);
        assertThat(send).isNotDone();
        submit(queue, id -> new Ping(id, null));
        assertThat(queue.isOpen()).isFalse();

        queue.open(channel);
        queue.flushWaiting();
        assertThat(written()).as("the lost send first, with its id, then what waited").containsExactly("send#1", "ping#3");
    }

    @Test
    void connectionLost_withoutReconnect_failsSendsToo() {
        RequestQueue queue = queue(10);
        queue.open(channel);
        CompletableFuture<Object> send = submit(queue, id -> new Send(id, "lobby", null, "hi", "c1"));
        written();

        queue.connectionLost(false);
        assertThat(codeOf(send)).isEqualTo(ChatException.DISCONNECTED);
    }

    @Test
    void submitNow_withoutASocket_failsAtOnce() {
        RequestQueue queue = queue(10);
        assertThatThrownBy(() -> queue.submitNow(null, id -> new Ping(id, null)).join())
                .hasCauseInstanceOf(ChatException.class);
        queue.submitNow(channel, id -> new Ping(id, null));
        assertThat(written()).as("ahead of the closed queue").containsExactly("ping#1");
    }
}

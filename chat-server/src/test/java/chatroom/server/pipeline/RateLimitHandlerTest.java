package chatroom.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import chatroom.codec.InvalidMessage;
import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.Invite;
import chatroom.codec.message.Join;
import chatroom.codec.message.Leave;
import chatroom.codec.message.Ping;
import chatroom.codec.message.Send;
import chatroom.codec.message.SetTopic;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitHandlerTest {

    @Test
    void sends_beyondBurst_becomeRateLimitedErrorsWithTheirIds() {
        EmbeddedChannel channel = new EmbeddedChannel(new RateLimitHandler(1, 3, 1, 1));
        for (int i = 1; i <= 5; i++) {
            channel.writeInbound(new Send(i, "lobby", null, "hi", null));
        }
        List<Object> passed = readAll(channel);

        assertThat(passed).hasSize(5);
        assertThat(passed.subList(0, 3)).allMatch(Send.class::isInstance);
        assertThat(passed.subList(3, 5)).allSatisfy(m -> {
            assertThat(m).isInstanceOf(InvalidMessage.class);
            assertThat(((InvalidMessage) m).code()).isEqualTo(ErrorCode.RATE_LIMITED);
        });
        assertThat(((InvalidMessage) passed.get(3)).id()).isEqualTo(4);
        assertFalse(channel.finish());
    }

    @Test
    void otherRequests_areNotCounted() {
        EmbeddedChannel channel = new EmbeddedChannel(new RateLimitHandler(1, 1, 1, 1));
        channel.writeInbound(new Send(1, "lobby", null, "hi", null));
        for (int i = 0; i < 10; i++) {
            channel.writeInbound(new Ping(i, null));
        }
        assertThat(readAll(channel)).hasSize(11).noneMatch(InvalidMessage.class::isInstance);
        assertFalse(channel.finish());
    }

    @Test
    void roomOperations_shareOneBucket_beyondItsBurstRateLimitedWithTheirIds() {
        EmbeddedChannel channel = new EmbeddedChannel(new RateLimitHandler(1, 1, 1, 4));
        channel.writeInbound(new Join(1, "r", null, null), new Leave(2, "r"), new SetTopic(3, "r", "t"),
                new Invite(4, "r", "bob"), new Join(5, "r", null, null), new SetTopic(6, "r", "t2"));
        List<Object> passed = readAll(channel);

        assertThat(passed).hasSize(6);
        assertThat(passed.subList(0, 4)).noneMatch(InvalidMessage.class::isInstance);
        assertThat(passed.subList(4, 6)).allSatisfy(m ->
                assertThat(((InvalidMessage) m).code()).isEqualTo(ErrorCode.RATE_LIMITED));
        assertThat(passed.subList(4, 6)).extracting(m -> ((InvalidMessage) m).id()).containsExactly(5, 6);
        assertFalse(channel.finish());
    }

    @Test
    void sendsAndRoomOperations_haveSeparateBuckets() {
        EmbeddedChannel channel = new EmbeddedChannel(new RateLimitHandler(1, 2, 1, 2));
        channel.writeInbound(new Send(1, "r", null, "a", null), new Send(2, "r", null, "b", null),
                new Join(3, "r", null, null), new Leave(4, "r"), new Send(5, "r", null, "c", null),
                new Join(6, "r", null, null));
        List<Object> passed = readAll(channel);

        assertThat(passed.subList(0, 4)).noneMatch(InvalidMessage.class::isInstance);
        assertThat(passed.subList(4, 6)).allMatch(InvalidMessage.class::isInstance);
        assertFalse(channel.finish());
    }

    @Test
    void tokenBucket_refillsAtTheConfiguredRate() {
        long start = 1_000_000_000L;
        TokenBucket bucket = new TokenBucket(10, 2, start);
        assertThat(bucket.tryTake(start)).isTrue();
        assertThat(bucket.tryTake(start)).isTrue();
        assertThat(bucket.tryTake(start)).isFalse();
        assertThat(bucket.tryTake(start + 50_000_000L)).isFalse(); // half a token
        assertThat(bucket.tryTake(start + 100_000_000L)).isTrue();  // 100 ms at 10/s = one token
        assertThat(bucket.tryTake(start + 10_000_000_000L)).isTrue();
        assertThat(bucket.tryTake(start + 10_000_000_000L)).isTrue();
        assertThat(bucket.tryTake(start + 10_000_000_000L)).isFalse(); // never more than the burst
    }

    private static List<Object> readAll(EmbeddedChannel channel) {
        List<Object> out = new ArrayList<>();
        for (Object o; (o = channel.readInbound()) != null; ) {
            out.add(o);
        }
        return out;
    }
}

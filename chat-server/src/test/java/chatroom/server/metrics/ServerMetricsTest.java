package chatroom.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.message.ErrorCode;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {

    private final ServerMetrics metrics = new ServerMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void rejectedFrames_areCountedByReason_andOnlyReasonsThatOccurredAreExposed() {
        metrics.frameRejected(ErrorCode.BAD_REQUEST);
        metrics.frameRejected(ErrorCode.BAD_REQUEST);
        metrics.frameRejected(ErrorCode.FRAME_TOO_LARGE);

        String scrape = metrics.scrape();
        assertThat(scrape).contains("chat_frames_rejected_total{reason=\"bad_request\"} 2.0",
                "chat_frames_rejected_total{reason=\"frame_too_large\"} 1.0");
        assertThat(scrape).doesNotContain("reason=\"unknown_type\"");
    }

    @Test
    void byteCounter_countsWhatIsReadAndWritten_andPassesItOn() {
        EmbeddedChannel channel = new EmbeddedChannel(new ByteCounter(metrics));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[10]));
        channel.writeOutbound(Unpooled.wrappedBuffer(new byte[25]));
        ((io.netty.buffer.ByteBuf) channel.readInbound()).release();
        ((io.netty.buffer.ByteBuf) channel.readOutbound()).release();
        assertThat(channel.finish()).isFalse();

        assertThat(metrics.scrape()).contains("chat_bytes_in_bytes_total 10.0", "chat_bytes_out_bytes_total 25.0");
    }

    @Test
    void counters_and_timer_appearInTheScrape() {
        metrics.messageStored();
        metrics.messagesQueued(3);
        metrics.rateLimited();
        metrics.slowConsumerDisconnected();
        metrics.committed(2_000_000);

        assertThat(metrics.scrape()).contains("chat_messages_in_total 1.0", "chat_messages_out_total 3.0",
                "chat_requests_rate_limited_total 1.0", "chat_slow_consumer_disconnects_total 1.0",
                "chat_store_commit_seconds_count 1", "jvm_memory_used_bytes", "netty_allocator_memory_used_bytes");
    }
}

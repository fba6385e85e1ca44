package chatroom.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchFrameHandlerTest {

    @Test
    void presenceIsDroppedUnread_andTheFramesAfterItStillArrive() {
        EmbeddedChannel channel = new EmbeddedChannel();
        BenchConnection connection = new BenchConnection(channel);
        channel.pipeline().addLast(new BenchFrameHandler(connection));

        // not JSON past its type: parsing it would fail the connection
        channel.writeInbound(frames("{\"type\":\"presence\",\"room\":\"大厅\",\"user\":",
                "{\"type\":\"welcome\",\"protocol\":2,\"heartbeat_s\":30}"));

        assertThat(channel.isActive()).isTrue();
        assertThat(connection.welcome()).isCompleted();
        assertThat(connection.welcome().join().path("protocol").asInt()).isEqualTo(2);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aTypeThatOnlyBeginsLikePresence_isStillRead() {
        EmbeddedChannel channel = new EmbeddedChannel();
        BenchConnection connection = new BenchConnection(channel);
        channel.pipeline().addLast(new BenchFrameHandler(connection));

        channel.writeInbound(frames("{\"type\":\"welcome\",\"presence\":1,\"protocol\":2}"));

        assertThat(connection.welcome()).isCompleted();
        channel.finish();
    }

    private static ByteBuf frames(String... bodies) {
        ByteBuf buf = Unpooled.buffer();
        for (String body : bodies) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            buf.writeInt(bytes.length).writeBytes(bytes);
        }
        return buf;
    }
}

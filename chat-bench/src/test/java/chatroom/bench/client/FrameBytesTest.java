package chatroom.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameBytesTest {

    private static final byte[] MARKER = "\"text\":\"bench ".getBytes(StandardCharsets.US_ASCII);

    @Test
    void findsTheMarker_pastPartialMatches_andOnlyInsideTheGivenRange() {
        String frame = "{\"type\":\"message\",\"te\":\"x\",\"text\":\"bench 123456789 xxx\",\"cid\":\"c\"}";
        ByteBuf buf = Unpooled.copiedBuffer("\"text\":\"bench 1" + frame, StandardCharsets.UTF_8);
        try {
            int from = "\"text\":\"bench 1".length();
            int at = FrameBytes.indexOf(buf, from, buf.writerIndex(), MARKER);
            assertThat(at).isEqualTo(from + frame.indexOf("\"text\""));
            assertThat(FrameBytes.parseLong(buf, at + MARKER.length, buf.writerIndex())).isEqualTo(123456789L);
            assertThat(FrameBytes.indexOf(buf, from, at + MARKER.length - 1, MARKER))
                    .as("a match that runs past the end of the range is none").isEqualTo(-1);
            assertThat(FrameBytes.parseLong(buf, at + MARKER.length, at + MARKER.length + 3))
                    .as("digits stop at the end of the range").isEqualTo(123L);
        } finally {
            buf.release();
        }
    }

    @Test
    void aFrameWithoutTheMarker_givesMinusOne_evenWhenItEndsInAPrefixOfIt() {
        ByteBuf buf = Unpooled.copiedBuffer("{\"type\":\"ok\",\"id\":7,\"text\":\"benc", StandardCharsets.UTF_8);
        try {
            assertThat(FrameBytes.indexOf(buf, 0, buf.writerIndex(), MARKER)).isEqualTo(-1);
        } finally {
            buf.release();
        }
    }

    @Test
    void startsWith_looksOnlyAtTheGivenRange() {
        ByteBuf buf = Unpooled.copiedBuffer("xx{\"type\":\"presence\"}", StandardCharsets.UTF_8);
        byte[] prefix = "{\"type\":\"presence\"".getBytes(StandardCharsets.US_ASCII);
        try {
            assertThat(FrameBytes.startsWith(buf, 2, buf.writerIndex(), prefix)).isTrue();
            assertThat(FrameBytes.startsWith(buf, 0, buf.writerIndex(), prefix)).isFalse();
            assertThat(FrameBytes.startsWith(buf, 2, 2 + prefix.length - 1, prefix))
                    .as("a range shorter than the prefix").isFalse();
        } finally {
            buf.release();
        }
    }
}

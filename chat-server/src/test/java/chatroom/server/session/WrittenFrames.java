package chatroom.server.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads back what a session wrote to an {@link EmbeddedChannel} as length-prefixed frames. */
final class WrittenFrames {

    private WrittenFrames() {
    }

    /** The buffers written to the channel so far, in order (the caller releases them). */
    static List<ByteBuf> outbound(EmbeddedChannel channel) {
        List<ByteBuf> out = new ArrayList<>();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            out.add((ByteBuf) o);
        }
        return out;
    }

    /** The frames written to the channel so far, as text (the buffers are released). */
    static List<String> frames(EmbeddedChannel channel) {
        return parse(outbound(channel));
    }

    /** Reads length-prefixed frames from the written buffers (and releases them). */
    static List<String> parse(List<ByteBuf> written) {
        ByteBuf all = Unpooled.buffer();
        written.forEach(buf -> {
            all.writeBytes(buf);
            buf.release();
        });
        List<String> frames = new ArrayList<>();
        while (all.isReadable()) {
            int length = all.readInt();
            frames.add(all.readCharSequence(length, StandardCharsets.UTF_8).toString());
        }
        all.release();
        return frames;
    }
}

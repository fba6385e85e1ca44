package chatroom.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits the server's length-prefixed frames and handles each one in place, without a slice or a
 * copy: the load generator must stay cheaper than the server it measures. A {@code message} event
 * whose text starts with the bench marker is timed from the digits after it; a {@code presence} event
 * is dropped unread; every other frame is handed to the connection as JSON.
 *
 * <p>Why presence unread: nothing measures it, and it is nearly all that a login storm receives. Each
 * account's first session is announced to every session already in the lobby, and its last one's
 * close too: a storm of 2,000 token logins over 500 accounts (with its set-up) brought 267,958
 * presence frames against 2,500 welcomes and 2,500 oks (tcpdump, docs/benchmarks.md, round twelve).
 */
final class BenchFrameHandler extends ByteToMessageDecoder {

    /** What a timed message's text starts with; the send time in nanos follows. */
    static final String MARKER = TimedSender.MARKER;
    private static final byte[] TEXT_MARKER = ("\"text\":\"" + MARKER).getBytes(StandardCharsets.US_ASCII);
    /** How the server's JSON begins a presence event: the type comes first. */
    private static final byte[] PRESENCE = "{\"type\":\"presence\"".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_FRAME = 16 * 1024 * 1024;

    private final BenchConnection connection;

    BenchFrameHandler(BenchConnection connection) {
        this.connection = connection;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        long now = BenchClock.nanos();
        while (in.readableBytes() >= 4) {
            int start = in.readerIndex();
            int length = in.getInt(start);
            if (length <= 0 || length > MAX_FRAME) {
                throw new CorruptedFrameException("bad frame length " + length);
            }
            if (in.readableBytes() < 4 + length) {
                return;
            }
            int body = start + 4;
            int marker = FrameBytes.indexOf(in, body, body + length, TEXT_MARKER);
            if (marker >= 0) {
                connection.timedMessage(now - FrameBytes.parseLong(in, marker + TEXT_MARKER.length, body + length));
            } else if (!FrameBytes.startsWith(in, body, body + length, PRESENCE)) {
                connection.frame(in.toString(body, length, StandardCharsets.UTF_8));
            }
            in.readerIndex(body + length);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        connection.inactive();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.failed(cause);
        ctx.close();
    }
}

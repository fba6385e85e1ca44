package chatroom.bench.irc;

import chatroom.bench.client.BenchClock;
import chatroom.bench.client.FrameBytes;
import chatroom.bench.client.TimedSender;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits the server's lines (CR LF or LF) and handles each one in place: a PRIVMSG whose text starts
 * with the bench marker is timed from the digits after it without decoding the line; every other
 * line goes to the connection as a string.
 */
final class IrcLineHandler extends ByteToMessageDecoder {

    private static final byte[] TEXT_MARKER = (" :" + TimedSender.MARKER).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRIVMSG = " PRIVMSG ".getBytes(StandardCharsets.US_ASCII);
    /** IRC lines are at most 512 bytes; tags may add 8191 (IRCv3). */
    private static final int MAX_LINE = 16 * 1024;

    private final IrcBenchConnection connection;

    IrcLineHandler(IrcBenchConnection connection) {
        this.connection = connection;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        long now = BenchClock.nanos();
        while (in.isReadable()) {
            int start = in.readerIndex();
            int newline = in.indexOf(start, in.writerIndex(), (byte) '\n');
            if (newline < 0) {
                if (in.readableBytes() > MAX_LINE) {
                    throw new TooLongFrameException("server line longer than " + MAX_LINE + " bytes");
                }
                return;
            }
            int end = newline > start && in.getByte(newline - 1) == '\r' ? newline - 1 : newline;
            int command = FrameBytes.indexOf(in, start, end, PRIVMSG);
            int marker = command < 0 ? -1 : FrameBytes.indexOf(in, command + PRIVMSG.length, end, TEXT_MARKER);
            if (marker >= 0) {
                connection.timedMessage(now - FrameBytes.parseLong(in, marker + TEXT_MARKER.length, end));
            } else if (end > start) {
                connection.line(in.toString(start, end - start, StandardCharsets.UTF_8));
            }
            in.readerIndex(newline + 1);
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

package chatroom.server.irc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits the byte stream into IRC lines: CR LF or a bare LF ends a line, a trailing CR is dropped.
 * A line holds at most {@link #MAX_TAGS_BYTES} of IRCv3 tags plus {@link #MAX_LINE_BYTES} for the
 * rest; a longer one is skipped up to its end and becomes {@link #TOO_LONG}, so the session can
 * answer {@code 417} and keep going. Bytes that are not UTF-8 are replaced with U+FFFD, never a
 * crash. One instance per channel (it holds a partial line).
 */
public final class IrcLineDecoder extends ByteToMessageDecoder {

    /** RFC 1459: the command part, CR LF included. */
    public static final int MAX_LINE_BYTES = 512;
    /** IRCv3 message-tags: the tag part, '@' and the trailing space included. */
    public static final int MAX_TAGS_BYTES = 8191;
    /** What a line that was over the limits decodes to (a marker no peer can send as text). */
    public static final Object TOO_LONG = new Object() {
        @Override
        public String toString() {
            return "IrcLineDecoder.TOO_LONG";
        }
    };

    private static final int MAX_TOTAL = MAX_LINE_BYTES + MAX_TAGS_BYTES;

    private boolean discarding;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                if (in.readableBytes() > MAX_TOTAL) {
                    in.skipBytes(in.readableBytes());
                    if (!discarding) {
                        discarding = true;
                        out.add(TOO_LONG);
                    }
                }
                return;
            }
            int length = eol - in.readerIndex();
            if (discarding) {
                in.skipBytes(length + 1);
                discarding = false;
                continue;
            }
            int contentLength = length > 0 && in.getByte(eol - 1) == '\r' ? length - 1 : length;
            String line = in.toString(in.readerIndex(), contentLength, StandardCharsets.UTF_8);
            in.skipBytes(length + 1);
            out.add(withinLimits(line, contentLength) ? line : TOO_LONG);
        }
    }

    /** The command part may take 510 bytes (512 with CR LF), the tags 8191 more. */
    private static boolean withinLimits(String line, int bytes) {
        if (bytes <= MAX_LINE_BYTES - 2) {
            return true;
        }
        int tagBytes = 0;
        if (line.startsWith("@")) {
            int space = line.indexOf(' ');
            tagBytes = space < 0 ? bytes : Utf8.length(line.substring(0, space + 1));
        }
        return tagBytes <= MAX_TAGS_BYTES && bytes - tagBytes <= MAX_LINE_BYTES - 2;
    }
}

package chatroom.server.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IrcLineDecoderTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void crlfAndBareLf_endLines_evenSplitAcrossWrites() {
        EmbeddedChannel channel = new EmbeddedChannel(new IrcLineDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(bytes("NICK al")));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes("ice\r\nUSER a 0 * :A\nPING x\r")));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes("\n")));
        assertEquals("NICK alice", channel.readInbound());
        assertEquals("USER a 0 * :A", channel.readInbound());
        assertEquals("PING x", channel.readInbound());
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void coalescedLines_withCjk_decodeAsUtf8() {
        EmbeddedChannel channel = new EmbeddedChannel(new IrcLineDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(bytes("PRIVMSG #大厅 :你好\r\nPRIVMSG #大厅 :さくら\r\n")));
        assertEquals("PRIVMSG #大厅 :你好", channel.readInbound());
        assertEquals("PRIVMSG #大厅 :さくら", channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void invalidUtf8_isReplaced_notFatal() {
        EmbeddedChannel channel = new EmbeddedChannel(new IrcLineDecoder());
        byte[] line = {'P', 'R', 'I', 'V', 'M', 'S', 'G', ' ', '#', 'a', ' ', ':', (byte) 0xff, (byte) 0xc3, 'x', '\n'};
        channel.writeInbound(Unpooled.wrappedBuffer(line));
        assertEquals("PRIVMSG #a :\uFFFD\uFFFDx", channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void commandPartOver512Bytes_becomesTooLong_andTheNextLineStillDecodes() {
        EmbeddedChannel channel = new EmbeddedChannel(new IrcLineDecoder());
        String longLine = "PRIVMSG #a :" + "x".repeat(600);
        channel.writeInbound(Unpooled.wrappedBuffer(bytes(longLine + "\r\nPING ok\r\n")));
        assertEquals(IrcLineDecoder.TOO_LONG, channel.readInbound());
        assertEquals("PING ok", channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void tagsMayTake8191BytesBeyondTheCommandPart() {
        EmbeddedChannel channel = new EmbeddedChannel(new IrcLineDecoder());
        String tags = "@label=" + "y".repeat(4000) + " ";
        String line = tags + "PRIVMSG #a :" + "x".repeat(400);
        channel.writeInbound(Unpooled.wrappedBuffer(bytes(line + "\n")));
        assertEquals(line, channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void endlessLineWithoutNewline_isDiscarded_withoutBufferingIt() {
        EmbeddedChannel channel = new EmbeddedChannel(new IrcLineDecoder());
        for (int i = 0; i < 20; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes("z".repeat(1000))));
        }
        channel.writeInbound(Unpooled.wrappedBuffer(bytes("tail\nPING ok\n")));
        assertEquals(IrcLineDecoder.TOO_LONG, channel.readInbound());
        assertEquals("PING ok", channel.readInbound());
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
    }
}

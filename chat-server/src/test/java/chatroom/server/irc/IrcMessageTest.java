package chatroom.server.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IrcMessageTest {

    @Test
    void parse_tagsPrefixParamsAndTrailing() {
        IrcMessage m = IrcMessage.parse("@label=abc;msgid=a\\sb\\:c;+draft/x :nick!u@h privmsg #room :hello there");
        assertEquals(Map.of("label", "abc", "msgid", "a b;c", "+draft/x", ""), m.tags());
        assertEquals("nick!u@h", m.prefix());
        assertEquals("PRIVMSG", m.command());
        assertEquals(List.of("#room", "hello there"), m.params());
    }

    @Test
    void parse_middleParamsWithoutTrailing_andExtraSpaces() {
        IrcMessage m = IrcMessage.parse("USER  alice 0   *  :Alice Liddell");
        assertEquals(List.of("alice", "0", "*", "Alice Liddell"), m.params());
        assertEquals("PING", IrcMessage.parse("PING").command());
        assertEquals(List.of(""), IrcMessage.parse("TOPIC :").params().subList(0, 1));
    }

    @Test
    void parse_emptyOrPrefixOnly_isNull() {
        assertNull(IrcMessage.parse(""));
        assertNull(IrcMessage.parse(":prefix.only"));
        assertNull(IrcMessage.parse("@a=b"));
    }

    @Test
    void format_escapesTags_andWritesTrailingWhenNeeded() {
        IrcMessage m = new IrcMessage(Map.of("time", "2026-01-01T00:00:00.000Z"), "a!a@h", "PRIVMSG",
                List.of("#r", "你好 世界"));
        assertEquals("@time=2026-01-01T00:00:00.000Z :a!a@h PRIVMSG #r :你好 世界", m.format());
        assertEquals("PING :", IrcMessage.of("PING", "").format());
        assertEquals("MODE #r +i", IrcMessage.of("MODE", "#r", "+i").format());
        assertEquals(":a PRIVMSG #r :word", new IrcMessage(Map.of(), "a", "PRIVMSG", List.of("#r", "word")).format());
        assertEquals("JOIN #r", IrcMessage.of("JOIN", "#r").format());
        assertEquals("@x=a\\sb\\:c PONG s", new IrcMessage(Map.of("x", "a b;c"), null, "PONG", List.of("s")).format());
    }

    @Test
    void splitting_keepsEachPieceWithinBytes_onCodePointBoundaries() {
        List<String> pieces = Utf8.split("你".repeat(200) + "\n" + "😀".repeat(3), 10);
        for (String piece : pieces) {
            assertEquals(true, Utf8.length(piece) <= 10, piece);
        }
        assertEquals("你".repeat(200) + "😀".repeat(3), String.join("", pieces));
    }
}

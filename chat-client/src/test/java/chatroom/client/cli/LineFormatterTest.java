package chatroom.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Kicked;
import chatroom.codec.message.Presence;
import java.time.ZoneOffset;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

class LineFormatterTest {

    @Test
    void plain_roomAndDirectMessages_andSystemLines() {
        LineFormatter plain = LineFormatter.plain();
        assertThat(plain.message(ChatMessage.inRoom("lobby", 1, 0, "bob", "hi", null), "me").toString())
                .isEqualTo("[lobby] bob: hi");
        assertThat(plain.message(ChatMessage.direct("bob", 1, 0, "bob", "me", "psst", null), "me").toString())
                .isEqualTo("[@bob] bob: psst");
        assertThat(plain.event(new Presence("lobby", "bob", Presence.JOIN)).toString()).isEqualTo("* bob joined lobby");
        assertThat(plain.event(new Kicked("den", "amy", "spam")).toString())
                .isEqualTo("* you were removed from den by amy (spam)");
    }

    @Test
    void padding_countsTerminalColumns_soCjkNamesLineUp() {
        String padded = LineFormatter.padColumns("张伟", 10);
        assertThat(new AttributedString(padded).columnLength()).isEqualTo(10);
        assertThat(padded).isEqualTo("张伟      ");
        assertThat(LineFormatter.padColumns("alice", 10)).hasSize(10);
    }

    @Test
    void colour_marksOwnMessagesAndMentions_andCanBeOff() {
        LineFormatter colour = new LineFormatter(true, true, ZoneOffset.UTC);
        String own = colour.message(ChatMessage.inRoom("r", 1, 0, "me", "mine", null), "me").toAnsi();
        String mention = colour.message(ChatMessage.inRoom("r", 2, 0, "bob", "hey @me", null), "me").toAnsi();
        assertThat(own).contains("\u001b[").contains("00:00");
        assertThat(mention).contains("33;1m"); // bold yellow
        assertThat(LineFormatter.mentions("hey @Me!", "me")).isTrue();
        assertThat(new LineFormatter(false, true, ZoneOffset.UTC)
                .message(ChatMessage.inRoom("r", 2, 0, "bob", "hey @me", null), "me").toAnsi()).doesNotContain("\u001b[");
    }
}

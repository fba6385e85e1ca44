package chatroom.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParsedInputTest {

    @Test
    void plainText_isForTheCurrentRoom() {
        ParsedInput in = ParsedInput.parse("  你好，世界  ");
        assertThat(in.isCommand()).isFalse();
        assertThat(in.text()).isEqualTo("你好，世界");
    }

    @Test
    void doubleSlash_sendsASlashLiterally() {
        assertThat(ParsedInput.parse("//shrug").text()).isEqualTo("/shrug");
        assertThat(ParsedInput.parse("//shrug").isCommand()).isFalse();
    }

    @Test
    void command_splitsWords_andKeepsTheRestOfTheLineIntact() {
        ParsedInput in = ParsedInput.parse("/msg 张伟   hello   there  ");
        assertThat(in.command()).isEqualTo("msg");
        assertThat(in.words()).isEqualTo(List.of("张伟", "hello", "there"));
        assertThat(in.restFrom(1)).isEqualTo("hello   there");
        assertThat(in.restFrom(3)).isEmpty();
        assertThat(in.word(5)).isEmpty();
    }

    @Test
    void commandNames_areFoundIgnoringCase() {
        assertThat(CommandSpec.find("JOIN")).contains(CommandSpec.JOIN);
        assertThat(CommandSpec.find("teleport")).isEmpty();
        assertThat(CommandSpec.KICK.usage()).isEqualTo("/kick ROOM USER [REASON]");
    }
}

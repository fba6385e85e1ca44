package chatroom.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void split_breaksAtTheLastSpaceThatFits_theSpaceBecomesTheLineBreak() {
        List<String> pieces = Utf8.split("the quick brown fox jumps", 12);
        assertThat(pieces).containsExactly("the quick", "brown fox", "jumps");
        assertThat(String.join(" ", pieces)).isEqualTo("the quick brown fox jumps");
    }

    @Test
    void split_cjkWithoutSpaces_breaksBetweenCodePoints() {
        List<String> pieces = Utf8.split("期末复习资料", 7); // 3 bytes each: two fit
        assertThat(pieces).containsExactly("期末", "复习", "资料");
    }

    @Test
    void split_mixedCjkAndLatin_prefersTheSpace() {
        List<String> pieces = Utf8.split("你好 world 再见", 12);
        assertThat(pieces).containsExactly("你好 world", "再见");
        pieces.forEach(piece -> assertThat(Utf8.length(piece)).isLessThanOrEqualTo(12));
    }

    @Test
    void split_neverCutsASurrogatePair() {
        List<String> pieces = Utf8.split("😀😀😀", 5);
        assertThat(pieces).containsExactly("😀", "😀", "😀");
    }

    @Test
    void split_aWordLongerThanALine_isCutHard() {
        assertThat(Utf8.split("abcdefgh ij", 4)).containsExactly("abcd", "efgh", "ij");
    }

    @Test
    void split_lineBreaksStartNewPieces_andEmptyLinesAreDropped() {
        assertThat(Utf8.split("one\r\n\ntwo\rthree", 100)).containsExactly("one", "two", "three");
    }
}

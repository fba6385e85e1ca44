package chatroom.client.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeFileNamesTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", quoteCharacter = '`', value = {
            "report.pdf -> report.pdf",
            "期末 复习.pdf -> 期末 复习.pdf",
            "../../evil.txt -> evil.txt",
            "..\\..\\evil.ini -> evil.ini",
            "/etc/passwd -> passwd",
            "C:\\Windows\\evil.dll -> evil.dll",
            ".. -> fallback",
            ". -> fallback",
            ".bashrc -> bashrc",
            "a<b>c:d\"e|f?g*h.txt -> a_b_c_d_e_f_g_h.txt",
            "trailing dots... -> trailing dots",
            "dir/ -> fallback"})
    void hostileNames_becomePlainNames(String name, String expected) {
        assertThat(SafeFileNames.safe(name, "fallback")).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void controlCharacters_andOverlongNames_areTamed() {
        assertThat(SafeFileNames.safe("a\u0000b\nc", "f")).isEqualTo("a_b_c");
        assertThat(SafeFileNames.safe("字".repeat(300), "f").codePointCount(0, 200)).isEqualTo(200);
    }
}

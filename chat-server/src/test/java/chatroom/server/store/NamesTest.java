package chatroom.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Names as identities (protocol section 9): what is refused, and which names are the same name. */
class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "root\uFE0F", // variation selector
            "carol\u034F", // combining grapheme joiner
            "lobby\uFE0F",
            "ro\u200Bot", // zero-width space
            "ro\u200Dot", // zero-width joiner
            "ro\u00ADot", // soft hyphen
            "root\u202E", "\u202Aroot", "ro\u2066ot", "root\u2069", // bidi controls
            "ro\u0007ot", // control
            " root", "root ", "ro ot",
            "r\u043E\u043Et", // Latin r, t with Cyrillic o o
            "r\u03BFot", // Greek omicron among Latin
            "lobb\u0443", // Cyrillic u among Latin
            "\u0301root", // starts with a combining mark
            "",
    })
    void refused(String name) {
        assertThat(Names.isValidUser(name)).as("user %s", escaped(name)).isFalse();
        assertThat(Names.isValidRoom(name)).as("room %s", escaped(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"小红", "李雷", "김민수", "さくら", "山田さくら", "カタカナと漢字", "한국漢字",
            "alice.b-c_1", "Zoë", "Ελένη", "Мария", "ｒｏｏｔ", "\uD835\uDC2B\uD835\uDC28\uD835\uDC28\uD835\uDC2D",
            "ℝoot", "user1", "آرش"})
    void valid(String name) {
        assertThat(Names.isValidUser(name)).as(escaped(name)).isTrue();
        assertThat(Names.isValidRoom(name)).as(escaped(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ｒｏｏｔ", "\uD835\uDC2B\uD835\uDC28\uD835\uDC28\uD835\uDC2D", "ℝoot", "ROOT", "Root"})
    void lookAlikesOfRoot_haveRootsKey(String name) {
        assertThat(Names.key(name)).as(escaped(name)).isEqualTo(Names.key("root"));
        assertThat(Names.skeleton(name)).isEqualTo(Names.key(name));
    }

    @Test
    void lookAlikesOfLobby_haveLobbysKey() {
        assertThat(Names.key("ｌｏｂｂｙ")).isEqualTo(Names.key("lobby"));
        assertThat(Names.key("LOBBY")).isEqualTo(Names.key("lobby"));
    }

    @Test
    void anAllCyrillicLookAlike_hasTheLatinNamesKey() {
        String cyrillicApe = "\u0430\u0440\u0435";
        assertThat(Names.isValidUser(cyrillicApe)).isTrue();
        assertThat(Names.key(cyrillicApe)).isEqualTo(Names.key("ape"));
    }

    @Test
    void theKey_isTheSameForEveryNormalisationForm() {
        assertThat(Names.key("Zoe\u0308")).isEqualTo(Names.key("Zoë"));
        assertThat(Names.key("straße")).isEqualTo(Names.key("STRASSE"));
    }

    @Test
    void differentNames_keepDifferentKeys() {
        assertThat(Names.key("小红")).isNotEqualTo(Names.key("小明"));
        assertThat(Names.key("김민수")).isNotEqualTo(Names.key("김민준"));
        assertThat(Names.key("alice")).isNotEqualTo(Names.key("alicia"));
        assertThat(Names.key("さくら")).isNotEqualTo(Names.key("サクラ"));
    }

    @Test
    void lengthsOfSection3_stay() {
        assertThat(Names.isValidUser("a".repeat(32))).isTrue();
        assertThat(Names.isValidUser("a".repeat(33))).isFalse();
        assertThat(Names.isValidRoom("a".repeat(64))).isTrue();
        assertThat(Names.isValidRoom("a".repeat(65))).isFalse();
        assertThat(Names.isValidUser("漢".repeat(32))).isTrue();
    }

    private static String escaped(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(cp -> out.append(cp < 0x80 ? String.valueOf((char) cp) : String.format("U+%04X", cp)));
        return out.toString();
    }
}

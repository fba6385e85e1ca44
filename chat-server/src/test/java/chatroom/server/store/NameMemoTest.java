package chatroom.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memo of name keys and validity: same answers as computing, bounded memory, strangers' strings not kept. */
class NameMemoTest {

    @Test
    void answersAsTheFunctionDoes_computingEachNameOnce() {
        List<String> computed = new ArrayList<>();
        NameMemo<String> memo = new NameMemo<>(10, name -> {
            computed.add(name);
            return name.toUpperCase();
        });
        assertThat(memo.get("alice")).isEqualTo("ALICE");
        assertThat(memo.get("alice")).isEqualTo("ALICE");
        assertThat(memo.get("bob")).isEqualTo("BOB");
        assertThat(computed).containsExactly("alice", "bob");
    }

    @Test
    void neverHoldsMoreThanItsCapacity_andKeepsNoStringLongerThanAName() {
        NameMemo<Integer> memo = new NameMemo<>(100, String::length);
        for (int i = 0; i < 1000; i++) {
            assertThat(memo.get("name-" + i)).isEqualTo(("name-" + i).length());
            assertThat(memo.size()).isLessThanOrEqualTo(100);
        }
        memo.get("x".repeat(10_000));
        assertThat(memo.size()).isLessThanOrEqualTo(100);
        NameMemo<Integer> empty = new NameMemo<>(100, String::length);
        empty.get("x".repeat(129));
        assertThat(empty.size()).isZero();
    }

    @Test
    void namesGiveTheSameKeysAndValidityWhenAskedAgain() {
        for (int round = 0; round < 2; round++) {
            assertThat(Names.key("Root")).isEqualTo(Names.key("ｒｏｏｔ")).isEqualTo(Names.key("𝐫𝐨𝐨𝐭"));
            assertThat(Names.isValidUser("张伟")).isTrue();
            assertThat(Names.isValidUser("rооt")).as("mixed scripts").isFalse();
            assertThat(Names.isValidRoom("大厅")).isTrue();
            assertThat(Names.isValidRoom("a b")).isFalse();
            assertThat(Names.isValidUser(null)).isFalse();
        }
    }
}

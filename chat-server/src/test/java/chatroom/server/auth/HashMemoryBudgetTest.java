package chatroom.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HashMemoryBudgetTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void check_whenThePoolFitsInHalfTheHeap_returnsWhatItMayHold() {
        long poolBytes = HashMemoryBudget.check(2, 19 * 1024, 512 * MIB);

        assertThat(poolBytes).isEqualTo(2 * 19 * MIB);
    }

    @Test
    void check_atExactlyHalfTheHeap_fits() {
        assertThat(HashMemoryBudget.check(4, 16 * 1024, 128 * MIB)).isEqualTo(64 * MIB);
    }

    @Test
    void check_whenThePoolExceedsHalfTheHeap_refusesNamingTheFiguresAndWhatToChange() {
        assertThatThrownBy(() -> HashMemoryBudget.check(8, 19 * 1024, 256 * MIB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 threads × 19 MiB")
                .hasMessageContaining("152 MiB")
                .hasMessageContaining("half of the maximum heap (256 MiB)")
                .hasMessageContaining("--hash-threads")
                .hasMessageContaining("-Xmx");
    }
}

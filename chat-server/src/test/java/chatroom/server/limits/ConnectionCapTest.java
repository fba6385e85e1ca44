package chatroom.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The total cap: the open-file limit minus the reserve, never above it whatever was configured. */
class ConnectionCapTest {

    @Test
    void unset_isTheOpenFileLimitMinusTheReserve() {
        ConnectionCap cap = ConnectionCap.derive(0, OptionalLong.of(512), 256);
        assertThat(cap.max()).isEqualTo(256);
        assertThat(cap.lowered()).isFalse();
        assertThat(cap.explanation()).contains("512", "256");
    }

    @Test
    void setHigherThanTheLimitAllows_isLoweredToIt() {
        ConnectionCap cap = ConnectionCap.derive(100_000, OptionalLong.of(1024), 256);
        assertThat(cap.max()).isEqualTo(768);
        assertThat(cap.lowered()).isTrue();
        assertThat(cap.explanation()).contains("100000", "1024", "256", "768");
    }

    @Test
    void setWithinTheLimit_isKept() {
        ConnectionCap cap = ConnectionCap.derive(100, OptionalLong.of(1024), 256);
        assertThat(cap.max()).isEqualTo(100);
        assertThat(cap.lowered()).isFalse();
    }

    @Test
    void withoutAKnownLimit_theSetValueOrTheFallbackHolds() {
        assertThat(ConnectionCap.derive(500, OptionalLong.empty(), 256).max()).isEqualTo(500);
        assertThat(ConnectionCap.derive(0, OptionalLong.empty(), 256).max()).isEqualTo(ConnectionCap.FALLBACK_MAX);
    }

    @Test
    void aLimitThatLeavesNoRoom_stopsTheStart() {
        assertThatThrownBy(() -> ConnectionCap.derive(0, OptionalLong.of(256), 256))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--fd-reserve");
    }

    @Test
    void theProcessLimit_isReadFromTheOperatingSystem() {
        assertThat(ConnectionCap.openFileLimit()).isPresent();
        assertThat(ConnectionCap.openFileLimit().getAsLong()).isPositive();
    }
}

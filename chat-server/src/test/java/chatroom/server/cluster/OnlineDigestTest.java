package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OnlineDigestTest {

    @Test
    void digest_dependsOnWhoIsListed_notOnTheOrderOfChanges() {
        OnlineDigest built = OnlineDigest.EMPTY.plus("bob").plus("李雷").plus("carol").minus("bob");
        assertThat(built).isEqualTo(OnlineDigest.of(List.of("carol", "李雷")));
        assertThat(built).isNotEqualTo(OnlineDigest.of(List.of("carol")));
        assertThat(built.minus("carol").minus("李雷")).isEqualTo(OnlineDigest.EMPTY);
    }

    @Test
    void text_roundTrips_andJunkIsNoDigest() {
        OnlineDigest digest = OnlineDigest.of(List.of("alice", "幽灵"));
        assertThat(OnlineDigest.parse(digest.toString())).isEqualTo(digest);
        assertThat(OnlineDigest.parse(null)).isNull();
        assertThat(OnlineDigest.parse("12")).isNull();
        assertThat(OnlineDigest.parse("x:zz")).isNull();
    }
}

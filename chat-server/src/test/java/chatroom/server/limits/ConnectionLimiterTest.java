package chatroom.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.limits.ConnectionLimiter.Admission;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.junit.jupiter.api.Test;

/** The caps count connections from admission to close, per address and in total. */
class ConnectionLimiterTest {

    /** An embedded channel that looks accepted from a given address. */
    private static EmbeddedChannel from(String address) {
        return new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return new InetSocketAddress(address, 40000);
            }
        };
    }

    @Test
    void perAddressCap_refusesTheNextFromThatAddress_only() {
        ConnectionLimiter limiter = new ConnectionLimiter(10, 2, 0);
        assertThat(limiter.admit(from("10.0.0.1"))).isEqualTo(Admission.ADMITTED);
        assertThat(limiter.admit(from("10.0.0.1"))).isEqualTo(Admission.ADMITTED);
        EmbeddedChannel third = from("10.0.0.1");
        assertThat(limiter.admit(third)).isEqualTo(Admission.OVER_ADDRESS_CAP);
        assertThat(ConnectionLimiter.admissionOf(third)).isEqualTo(Admission.OVER_ADDRESS_CAP);
        assertThat(limiter.admit(from("10.0.0.2"))).isEqualTo(Admission.ADMITTED);
        assertThat(limiter.openConnections()).isEqualTo(3);
    }

    @Test
    void totalCap_refusesAnyAddress_andAClosedConnectionFreesItsPlace() {
        ConnectionLimiter limiter = new ConnectionLimiter(2, 10, 0);
        EmbeddedChannel first = from("10.0.0.1");
        limiter.admit(first);
        limiter.admit(from("10.0.0.2"));
        assertThat(limiter.admit(from("10.0.0.3"))).isEqualTo(Admission.OVER_TOTAL_CAP);
        first.close();
        assertThat(limiter.openConnections()).isEqualTo(1);
        assertThat(limiter.admit(from("10.0.0.1"))).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void aRefusedConnection_releasesNothingWhenItCloses() {
        ConnectionLimiter limiter = new ConnectionLimiter(1, 1, 0);
        limiter.admit(from("10.0.0.1"));
        EmbeddedChannel refused = from("10.0.0.1");
        limiter.admit(refused);
        refused.close();
        assertThat(limiter.openConnections()).isEqualTo(1);
        assertThat(limiter.admit(from("10.0.0.1"))).isEqualTo(Admission.OVER_TOTAL_CAP);
    }

    @Test
    void overCapPlaces_areFew_andFreedOnClose() {
        ConnectionLimiter limiter = new ConnectionLimiter(1, 1, 1);
        EmbeddedChannel probe = from("10.0.0.9");
        assertThat(limiter.admitOverCap(probe)).isTrue();
        assertThat(limiter.admitOverCap(from("10.0.0.9"))).isFalse();
        probe.close();
        assertThat(limiter.admitOverCap(from("10.0.0.9"))).isTrue();
    }
}

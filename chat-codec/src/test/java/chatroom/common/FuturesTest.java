package chatroom.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FuturesTest {

    @Test
    void unwrap_looksThroughNestedWrappers_toTheFailureItself() {
        IllegalStateException failure = new IllegalStateException("taken");
        assertThat(Futures.unwrap(new CompletionException(new ExecutionException(new CompletionException(failure)))))
                .isSameAs(failure);
        assertThat(Futures.unwrap(failure)).isSameAs(failure);
        CompletionException empty = new CompletionException("no cause", null);
        assertThat(Futures.unwrap(empty)).isSameAs(empty);
    }

    @Test
    void transport_fallsBackToNio_whenNativeIsNotWanted() {
        Transport nio = Transport.choose(false);
        assertThat(nio.name()).isEqualTo("nio");
        assertThat(nio.isNative()).isFalse();
    }
}

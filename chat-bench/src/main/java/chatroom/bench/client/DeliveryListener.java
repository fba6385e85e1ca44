package chatroom.bench.client;

/** What a load connection reports while a scenario runs; called on the connection's event loop. */
public interface DeliveryListener {

    DeliveryListener NONE = new DeliveryListener() {
    };

    /** A {@code message} event carrying a bench timestamp arrived, {@code latencyNanos} after it was sent. */
    default void delivered(long latencyNanos) {
    }

    /** The reply to a timed {@code send} arrived: ok (stored) or an error. */
    default void acked(long latencyNanos, boolean ok, String errorCode) {
    }

    /** The server closed the connection or said {@code bye}. */
    default void closed(TimedSender connection, String reason) {
    }
}

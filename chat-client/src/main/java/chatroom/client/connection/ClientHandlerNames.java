package chatroom.client.connection;

/** Names of the client pipeline's handlers, in wire order. */
public final class ClientHandlerNames {

    public static final String TLS = "tls";
    public static final String FRAME_DECODER = "frameDecoder";
    public static final String FRAME_ENCODER = "frameEncoder";
    public static final String MESSAGE_DECODER = "messageDecoder";
    public static final String MESSAGE_ENCODER = "messageEncoder";
    public static final String IDLE_STATE = "idleState";
    public static final String HEARTBEAT = "heartbeat";
    public static final String WATCHDOG = "reconnectWatchdog";
    public static final String INBOUND = "inbound";

    private ClientHandlerNames() {
    }
}

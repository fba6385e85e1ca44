package chatroom.server.pipeline;

/** Names of the server pipeline's handlers, in wire order. */
public final class HandlerNames {

    public static final String BYTE_COUNTER = "byteCounter";
    public static final String TLS = "tls";
    public static final String WEBSOCKET_FRAMES = "webSocketFrames";
    public static final String FRAME_DECODER = "frameDecoder";
    public static final String FRAME_ENCODER = "frameEncoder";
    public static final String MESSAGE_DECODER = "messageDecoder";
    public static final String MESSAGE_ENCODER = "messageEncoder";
    public static final String IDLE_STATE = "idleState";
    public static final String IDLE_TIMEOUT = "idleTimeout";
    public static final String RATE_LIMIT = "rateLimit";
    public static final String SESSION = "session";
    public static final String EXCEPTION = "exception";

    private HandlerNames() {
    }
}

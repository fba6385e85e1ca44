package chatroom.server.pipeline;

/** Names of the server pipelines' handlers (chat port, then HTTP port), in wire order. */
public final class HandlerNames {

    public static final String BYTE_COUNTER = "byteCounter";
    public static final String TLS = "tls";
    /** HTTP port, before a WebSocket handshake: the idle timeout of plain HTTP. */
    public static final String HTTP_IDLE = "httpIdle";
    public static final String HTTP_CODEC = "httpCodec";
    /** HTTP port: the deadline for a whole request (a WebSocket handshake included). */
    public static final String HTTP_DEADLINE = "httpDeadline";
    public static final String HTTP_AGGREGATOR = "httpAggregator";
    /** HTTP port: the Origin check of a WebSocket handshake. */
    public static final String WEBSOCKET_ORIGIN = "webSocketOrigin";
    public static final String WEBSOCKET_PROTOCOL = "webSocket";
    public static final String WEBSOCKET_AGGREGATOR = "webSocketAggregator";
    public static final String WEBSOCKET_UPGRADE = "webSocketUpgrade";
    public static final String HTTP_REQUESTS = "httpRequests";
    /** HTTP port, a connection beyond the caps: /health or 503, then close. */
    public static final String HTTP_OVER_CAP = "httpOverCap";
    /** HTTP port, a connection beyond the caps with no place left: 503 at once. */
    public static final String HTTP_REFUSAL = "httpRefusal";
    public static final String WEBSOCKET_ERRORS = "webSocketErrors";
    public static final String WEBSOCKET_FRAMES = "webSocketFrames";
    /** Chat port: length and JSON → typed message. */
    public static final String FRAME_DECODER = "frameDecoder";
    /** Chat port: typed message → length and JSON; the session writes its framed batches from here. */
    public static final String FRAME_ENCODER = "frameEncoder";
    /** WebSocket: JSON body → typed message. */
    public static final String MESSAGE_DECODER = "messageDecoder";
    /** WebSocket: typed message → JSON body, which the text frame codec below it frames. */
    public static final String MESSAGE_ENCODER = "messageEncoder";
    public static final String IDLE_TIMEOUT = "idleTimeout";
    public static final String RATE_LIMIT = "rateLimit";
    /** IRC port: CR LF / LF line framing. */
    public static final String IRC_LINES = "ircLines";
    /** IRC port: IRC commands to requests, replies and events to IRC lines. */
    public static final String IRC_GATEWAY = "ircGateway";
    public static final String SESSION = "session";
    public static final String EXCEPTION = "exception";

    private HandlerNames() {
    }
}

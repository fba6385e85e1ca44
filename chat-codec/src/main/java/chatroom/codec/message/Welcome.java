package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The first message on every connection: protocol version and the server's limits. */
public record Welcome(int protocol, String server, @JsonProperty("max_frame") int maxFrame,
                      @JsonProperty("heartbeat_s") int heartbeatS,
                      @JsonProperty("idle_timeout_s") int idleTimeoutS) implements Event {
    public static final String TYPE = "welcome";
    public static final int PROTOCOL_VERSION = 2;

    @Override
    public String type() {
        return TYPE;
    }
}

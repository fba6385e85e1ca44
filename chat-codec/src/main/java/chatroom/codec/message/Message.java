package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One JSON object on the wire. Every record names its wire {@code type}; absent optional
 * fields ({@code null}) are left out of the JSON. Sealed: the permitted records are the protocol's
 * messages, so a table keyed by type (the server's request handlers, the decode tables) can be
 * checked complete by a test.
 */
@JsonPropertyOrder({"type", "id"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Message permits Request, Reply, Event {

    /** The value of the JSON {@code type} field. */
    @JsonProperty("type")
    String type();
}

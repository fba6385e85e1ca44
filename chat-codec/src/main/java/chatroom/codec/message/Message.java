package chatroom.codec.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One JSON object on the wire. Every record names its wire {@code type}; absent optional
 * fields ({@code null}) are left out of the JSON.
 */
@JsonPropertyOrder({"type", "id"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public interface Message {

    /** The value of the JSON {@code type} field. */
    @JsonProperty("type")
    String type();
}

package chatroom.codec.message;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.NameTransformer;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code ok {id?, ...result fields}}: a request succeeded. The result's fields sit beside
 * {@code type} and {@code id} on the wire, so {@code result} is any record (one of the
 * {@code *Result} records here) that is written flattened. A decoded {@code ok} carries its result
 * fields as an {@link ObjectNode}; {@code ChatJson.convert} turns it into the expected record.
 */
@JsonSerialize(using = Ok.Serializer.class)
@JsonDeserialize(using = Ok.Deserializer.class)
public record Ok(Object id, Object result) implements Reply {
    public static final String TYPE = "ok";

    /** An {@code ok} without result fields. */
    public static Ok of(Object id) {
        return new Ok(id, null);
    }

    @Override
    public String type() {
        return TYPE;
    }

    static final class Serializer extends JsonSerializer<Ok> {
        @Override
        public void serialize(Ok ok, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("type", TYPE);
            if (ok.id() != null) {
                gen.writeFieldName("id");
                provider.defaultSerializeValue(ok.id(), gen);
            }
            Object result = ok.result();
            if (result instanceof ObjectNode fields) {
                for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (!"type".equals(field.getKey()) && !"id".equals(field.getKey())) {
                        gen.writeFieldName(field.getKey());
                        provider.defaultSerializeValue(field.getValue(), gen);
                    }
                }
            } else if (result != null) {
                JsonSerializer<Object> flat = provider.findValueSerializer(result.getClass())
                        .unwrappingSerializer(NameTransformer.NOP);
                flat.serialize(result, gen, provider);
            }
            gen.writeEndObject();
        }
    }

    static final class Deserializer extends JsonDeserializer<Ok> {
        @Override
        public Ok deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = parser.readValueAsTree();
            if (!(tree instanceof ObjectNode fields)) {
                return context.reportInputMismatch(Ok.class, "ok must be a JSON object");
            }
            ObjectNode result = fields.deepCopy();
            result.remove("type");
            JsonNode id = result.remove("id");
            return new Ok(RequestIds.fromJson(id), result);
        }
    }
}

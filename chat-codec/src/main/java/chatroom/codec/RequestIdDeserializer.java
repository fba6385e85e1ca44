package chatroom.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads the untyped {@code Object} fields of the wire records (the request {@code id}): an integer
 * becomes a {@link Long}, or a {@link java.math.BigInteger} when it does not fit 64 bits, so an id
 * beyond 64 bits is echoed instead of failing the whole frame. A string stays a string; any other
 * value is kept as its JSON tree (the id rules of {@code RequestIds} refuse those anyway).
 */
final class RequestIdDeserializer extends StdDeserializer<Object> {

    RequestIdDeserializer() {
        super(Object.class);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        return context.readTree(parser);
    }
}

package chatroom.codec;

import chatroom.codec.message.RequestIds;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;

/**
 * Finds the top-level {@code id} of a frame whose whole did not fit the parser's limits (a number of
 * thousands of digits, say), so that its {@code bad_request} can still echo the id, as the contract
 * asks. It only tokenizes: numbers may be as long as the frame, and no value is built but the id.
 */
final class RequestIdScanner {

    private final JsonFactory factory;

    RequestIdScanner(CodecLimits limits) {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNesting())
                        .maxStringLength(limits.maxFrame())
                        .maxNumberLength(limits.maxFrame())
                        .build())
                .build();
    }

    /** The frame's id, or null when it has none, it is not valid, or the frame is not a JSON object. */
    Object idOf(InputStream in) {
        try (JsonParser parser = factory.createParser(in)) {
            return scan(parser);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    Object idOf(String json) {
        try (JsonParser parser = factory.createParser(json)) {
            return scan(parser);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static Object scan(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean isId = "id".equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (isId) {
                return idValue(parser, value);
            }
            parser.skipChildren();
        }
        return null;
    }

    private static Object idValue(JsonParser parser, JsonToken value) throws IOException {
        if (parser.getTextLength() > RequestIds.MAX_LENGTH) {
            return null; // too long to be an id; and a long number is never parsed
        }
        try {
            if (value == JsonToken.VALUE_STRING) {
                return RequestIds.fromJson(JsonNodeFactory.instance.textNode(parser.getText()));
            }
            if (value == JsonToken.VALUE_NUMBER_INT) {
                return RequestIds.fromJson(JsonNodeFactory.instance.numberNode(parser.getBigIntegerValue()));
            }
        } catch (IllegalArgumentException invalid) {
            return null;
        }
        return null;
    }
}

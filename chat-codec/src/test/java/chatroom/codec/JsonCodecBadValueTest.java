package chatroom.codec;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.message.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every numeric field of every request, given a value it cannot hold: the answer is a plain
 * {@code bad_request} that keeps the request's id and says nothing of the parser (contract §7).
 */
class JsonCodecBadValueTest {

    private static final JsonCodec CODEC = new JsonCodec(CodecLimits.DEFAULT, MessageTypes.CLIENT_TO_SERVER);
    /** Values no numeric field of a request can hold, as JSON. */
    private static final List<String> BAD_VALUES = List.of("1e400", "-1e400", "99999999999999999999999",
            "-99999999999999999999999", "3000000000", "1.5", "\"x\"", "true", "[]", "{}");
    /** type and numeric field of each request that has one. */
    private static final List<String[]> NUMERIC_FIELDS = List.of(
            new String[] {"history", "before"}, new String[] {"history", "after"}, new String[] {"history", "limit"},
            new String[] {"join", "since"}, new String[] {"file_put", "size"}, new String[] {"file_chunk", "offset"},
            new String[] {"file_get", "offset"}, new String[] {"mute", "seconds"});

    static Stream<Arguments> badValues() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] field : NUMERIC_FIELDS) {
            for (String value : BAD_VALUES) {
                if (value.equals("3000000000") && !field[1].equals("limit")) {
                    continue; // fits a 64-bit field
                }
                cases.add(Arguments.of(field[0], field[1], value));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @MethodSource("badValues")
    void numberFieldWithAValueItCannotHold_isPlainBadRequest_keepingTheId(String type, String field, String value) {
        for (String id : List.of("7", "\"req-7\"", "123456789012345678901234567890")) {
            Object decoded = decode("{\"type\":\"" + type + "\",\"id\":" + id + ",\"room\":\"lobby\",\"" + field
                    + "\":" + value + "}");

            assertThat(decoded).isInstanceOf(InvalidMessage.class);
            InvalidMessage invalid = (InvalidMessage) decoded;
            assertThat(invalid.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(String.valueOf(invalid.id())).isEqualTo(id.replace("\"", ""));
            assertThat(invalid.reason()).contains("'" + field + "'")
                    .doesNotContainIgnoringCase("numeric").doesNotContainIgnoringCase("jackson")
                    .doesNotContainIgnoringCase("out of range").doesNotContain("java.").doesNotContain("Long")
                    .doesNotContain("Integer").doesNotContain("source");
        }
    }

    @ParameterizedTest(name = "id {0} before or after a 5000-digit number")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"7", "\"req-7\"", "123456789012345678901234567890"})
    void aNumberBeyondTheParsersLimit_isBadRequest_keepingTheId_onBothTransports(String id) {
        String digits = "9".repeat(5000);
        for (String json : List.of("{\"type\":\"history\",\"id\":" + id + ",\"room\":\"lobby\",\"before\":" + digits + "}",
                "{\"type\":\"history\",\"room\":\"lobby\",\"before\":" + digits + ",\"id\":" + id + "}")) {
            for (Object decoded : List.of(decode(json), CODEC.decode(json))) {
                assertThat(decoded).isInstanceOf(InvalidMessage.class);
                InvalidMessage invalid = (InvalidMessage) decoded;
                assertThat(invalid.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                assertThat(String.valueOf(invalid.id())).isEqualTo(id.replace("\"", ""));
                assertThat(invalid.reason()).doesNotContainIgnoringCase("jackson").doesNotContainIgnoringCase("numeric");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aLimitBrokenByTheIdItself_orNoObject_givesNoId() {
        String digits = "9".repeat(5000);
        assertThat(((InvalidMessage) decode("{\"type\":\"ping\",\"id\":" + digits + "}")).id()).isNull();
        assertThat(((InvalidMessage) decode("[" + digits + "]")).id()).isNull();
    }

    private static Object decode(String json) {
        ByteBuf buf = Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8));
        try {
            return CODEC.decode(buf);
        } finally {
            buf.release();
        }
    }
}

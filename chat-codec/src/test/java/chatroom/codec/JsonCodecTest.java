package chatroom.codec;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.ErrorReply;
import chatroom.codec.message.History;
import chatroom.codec.message.Join;
import chatroom.codec.message.Login;
import chatroom.codec.message.Message;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Ping;
import chatroom.codec.message.Register;
import chatroom.codec.message.Results;
import chatroom.codec.message.Send;
import chatroom.codec.message.SetTopic;
import chatroom.codec.message.TopicChanged;
import chatroom.codec.message.Welcome;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecTest {

    private final JsonCodec server = new JsonCodec(CodecLimits.DEFAULT, MessageTypes.CLIENT_TO_SERVER);
    private final JsonCodec client = new JsonCodec(CodecLimits.DEFAULT, MessageTypes.SERVER_TO_CLIENT);

    private static Object decode(JsonCodec codec, byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return codec.decode(buf);
        } finally {
            buf.release();
        }
    }

    private static Object decode(JsonCodec codec, String json) {
        return decode(codec, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(JsonCodec codec, Message message) {
        ByteBuf buf = codec.encode(message, ByteBufAllocator.DEFAULT);
        try {
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    private static void assertInvalid(Object decoded, ErrorCode code) {
        assertThat(decoded).isInstanceOf(InvalidMessage.class);
        assertThat(((InvalidMessage) decoded).code()).isEqualTo(code);
    }

    @Test
    void requests_decodeIntoTheirRecords_withSnakeCaseAndReservedNames() {
        assertThat(decode(server, "{\"type\":\"join\",\"id\":1,\"room\":\"lobby\",\"since\":39,\"private\":true}"))
                .isEqualTo(new Join(1L, "lobby", 39L, true));
        assertThat(decode(server, "{\"type\":\"history\",\"id\":\"h\",\"with\":\"bob\",\"before\":9,\"limit\":5}"))
                .isEqualTo(new History("h", null, "bob", 9L, null, 5));
        assertThat(decode(server, "{\"type\":\"send\",\"room\":\"聊天室\",\"text\":\"你好 😀\",\"cid\":\"a1\"}"))
                .isEqualTo(new Send(null, "聊天室", null, "你好 😀", "a1"));
        assertThat(decode(server, "{\"type\":\"ping\",\"t\":{\"any\":[1]}}")).isInstanceOf(Ping.class);
        assertThat(decode(server, "{\"type\":\"send\",\"room\":\"r\",\"text\":\"x\",\"extra\":\"ignored\"}"))
                .isInstanceOf(Send.class);
    }

    @Test
    void topic_isARequestForTheServer_andAnEventForTheClient() {
        assertThat(decode(server, "{\"type\":\"topic\",\"room\":\"r\",\"topic\":\"t\"}")).isInstanceOf(SetTopic.class);
        assertThat(decode(client, "{\"type\":\"topic\",\"room\":\"r\",\"topic\":\"t\",\"by\":\"a\"}"))
                .isEqualTo(new TopicChanged("r", "t", "a"));
    }

    @Test
    void encode_writesTypeFirst_snakeCase_andLeavesOutAbsentFields() {
        assertThat(encode(server, new Welcome(1, "chatroom/0.1.0", 65536, 30, 90))).isEqualTo(
                "{\"type\":\"welcome\",\"protocol\":1,\"server\":\"chatroom/0.1.0\",\"max_frame\":65536,"
                        + "\"heartbeat_s\":30,\"idle_timeout_s\":90}");
        assertThat(encode(server, ChatMessage.inRoom("lobby", 41, 1795000001000L, "bob", "你好", null))).isEqualTo(
                "{\"type\":\"message\",\"room\":\"lobby\",\"seq\":41,\"ts\":1795000001000,\"from\":\"bob\",\"text\":\"你好\"}");
        assertThat(encode(server, ChatMessage.direct("bob", 2, 5, "bob", "amy", "hi", "c")))
                .isEqualTo("{\"type\":\"message\",\"with\":\"bob\",\"seq\":2,\"ts\":5,\"from\":\"bob\",\"to\":\"amy\","
                        + "\"text\":\"hi\",\"cid\":\"c\"}");
        assertThat(encode(server, new ErrorReply(7, ErrorCode.NOT_MEMBER, "no")))
                .isEqualTo("{\"type\":\"error\",\"id\":7,\"code\":\"not_member\",\"message\":\"no\"}");
    }

    @Test
    void ok_isWrittenFlat_andDecodesBackIntoItsResult() {
        Results.LoginResult result = new Results.LoginResult("alice", "tok",
                List.of(new Results.RoomSeq("lobby", 41)));
        String json = encode(server, new Ok(1, result));
        assertThat(json).isEqualTo("{\"type\":\"ok\",\"id\":1,\"user\":\"alice\",\"token\":\"tok\","
                + "\"rooms\":[{\"room\":\"lobby\",\"seq\":41}]}");
        Ok decoded = (Ok) decode(client, json);
        assertThat(decoded.id()).isEqualTo(1L);
        assertThat(ChatJson.convert(decoded.result(), Results.LoginResult.class)).isEqualTo(result);
        assertThat(encode(server, Ok.of("x"))).isEqualTo("{\"type\":\"ok\",\"id\":\"x\"}");
        assertThat(encode(server, new Ok(2, new Results.MembersResult("r", List.of(), false))))
                .isEqualTo("{\"type\":\"ok\",\"id\":2,\"room\":\"r\",\"members\":[],\"more\":false}");
    }

    @Test
    void busy_carriesRetryAfterMs_andRoundTrips() {
        ErrorReply busy = new ErrorReply(3, ErrorCode.BUSY, "try later", 250L);
        String json = encode(server, busy);
        assertThat(json).isEqualTo(
                "{\"type\":\"error\",\"id\":3,\"code\":\"busy\",\"message\":\"try later\",\"retry_after_ms\":250}");
        assertThat(decode(client, json)).isEqualTo(new ErrorReply(3L, "busy", "try later", 250L));
    }

    @Test
    void register_withLoginTrue_decodes_andLoginIsOptional() {
        assertThat(decode(server, "{\"type\":\"register\",\"id\":1,\"user\":\"小红\",\"password\":\"pw-12345\",\"login\":true}"))
                .isEqualTo(new Register(1L, "小红", "pw-12345", true));
        assertThat(decode(server, "{\"type\":\"register\",\"user\":\"a\",\"password\":\"pw-12345\"}"))
                .isEqualTo(new Register(null, "a", "pw-12345", null));
    }

    @Test
    void everyServerMessage_roundTrips() {
        List<Message> messages = List.of(new Welcome(1, "s", 10, 2, 3), new ErrorReply("i", "bad_request", "m"),
                new chatroom.codec.message.Pong(5L, null), new chatroom.codec.message.Bye("logout"),
                ChatMessage.inRoom("r", 1, 2, "a", "t", "c"), new chatroom.codec.message.Presence("r", "u", "join"),
                new TopicChanged("r", "t", "b"), new chatroom.codec.message.Kicked("r", "b", "why"));
        for (Message message : messages) {
            assertThat(decode(client, encode(server, message))).isEqualTo(message);
        }
    }

    @Test
    void ids_mayBeStringsOrIntegers_upTo64Characters() {
        assertThat(((Ping) decode(server, "{\"type\":\"ping\",\"id\":\"" + "x".repeat(64) + "\"}")).id()).isNotNull();
        assertInvalid(decode(server, "{\"type\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}"), ErrorCode.BAD_REQUEST);
        for (String id : List.of("1.5", "{}", "[]", "true")) {
            assertInvalid(decode(server, "{\"type\":\"ping\",\"id\":" + id + "}"), ErrorCode.BAD_REQUEST);
        }
    }

    @Test
    void unknownType_isUnknownType_withTheIdEchoed() {
        Object decoded = decode(server, "{\"type\":\"teleport\",\"id\":\"q\"}");
        assertInvalid(decoded, ErrorCode.UNKNOWN_TYPE);
        assertThat(((InvalidMessage) decoded).id()).isEqualTo("q");
        assertInvalid(decode(client, "{\"type\":\"register\"}"), ErrorCode.UNKNOWN_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "\"text\"", "null", "42", "{\"id\":1}", "{\"type\":5}",
            "{\"type\":null}", "{\"type\":\"ping\"} {}", "{\"type\":\"ping\",\"type\":\"ping\"}",
            "{\"type\":\"send\",\"room\":5,\"text\":\"x\"}", "{\"type\":\"join\",\"room\":\"r\",\"since\":\"x\"}",
            "{\"type\":\"join\",\"room\":\"r\",\"private\":\"yes\"}", "{\"type\":\"history\",\"room\":\"r\",\"limit\":1.5}",
            ""})
    void malformed_isBadRequest(String json) {
        assertInvalid(decode(server, json), ErrorCode.BAD_REQUEST);
    }

    @Test
    void wrongFieldType_namesTheField() {
        InvalidMessage invalid = (InvalidMessage) decode(server, "{\"type\":\"send\",\"id\":3,\"room\":5,\"text\":\"x\"}");
        assertThat(invalid.reason()).contains("room");
        assertThat(invalid.id()).isEqualTo(3L);
    }

    @Test
    void invalidUtf8_isBadRequest() {
        assertInvalid(decode(server, new byte[] {(byte) 0xC3, 0x28}), ErrorCode.BAD_REQUEST);
        byte[] overlong = "{\"type\":\"ping\",\"t\":\"..\"}".getBytes(StandardCharsets.US_ASCII);
        overlong[19] = (byte) 0xC0;
        overlong[20] = (byte) 0xAF;
        assertInvalid(decode(server, overlong), ErrorCode.BAD_REQUEST);
        byte[] surrogate = "{\"type\":\"ping\",\"t\":\"...\"}".getBytes(StandardCharsets.US_ASCII);
        surrogate[19] = (byte) 0xED;
        surrogate[20] = (byte) 0xA0;
        surrogate[21] = (byte) 0x80;
        assertInvalid(decode(server, surrogate), ErrorCode.BAD_REQUEST);
    }

    @Test
    void validUtf8ThatLooksLikeUcs4_isBadRequest_notAnException() {
        // found by CodecFuzzTest: Jackson's encoding detection took these bytes for UCS-4
        assertInvalid(decode(server, new byte[] {0, 0, 0, '{', 0, 0, 0, '}'}), ErrorCode.BAD_REQUEST);
        assertInvalid(decode(server, new byte[] {0, 0, '{', 0}), ErrorCode.BAD_REQUEST);
    }

    @Test
    void nesting_upTo32IsRead_deeperIsBadRequest() {
        String ok = "{\"type\":\"ping\",\"t\":" + "[".repeat(31) + "]".repeat(31) + "}";
        assertThat(decode(server, ok)).isInstanceOf(Ping.class);
        String deep = "{\"type\":\"ping\",\"t\":" + "[".repeat(32) + "]".repeat(32) + "}";
        assertInvalid(decode(server, deep), ErrorCode.BAD_REQUEST);
    }

    @Test
    void stringLongerThanTheFrameLimit_isBadRequest() {
        JsonCodec small = new JsonCodec(CodecLimits.ofMaxFrame(100), MessageTypes.CLIENT_TO_SERVER);
        assertInvalid(decode(small, "{\"type\":\"send\",\"text\":\"" + "x".repeat(200) + "\"}"), ErrorCode.BAD_REQUEST);
    }

    @Test
    void secrets_neverAppearInToString() {
        assertThat(new Register(1, "u", "hunter22").toString()).doesNotContain("hunter22");
        assertThat(new Login(1, "u", "hunter22", "tok-secret").toString()).doesNotContain("hunter22", "tok-secret");
    }
}

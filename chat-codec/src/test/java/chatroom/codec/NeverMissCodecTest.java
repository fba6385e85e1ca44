package chatroom.codec;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.DeleteMessage;
import chatroom.codec.message.EditMessage;
import chatroom.codec.message.ListConversations;
import chatroom.codec.message.MarkRead;
import chatroom.codec.message.Message;
import chatroom.codec.message.MessageDeleted;
import chatroom.codec.message.MessageEdited;
import chatroom.codec.message.Ok;
import chatroom.codec.message.ReadMarked;
import chatroom.codec.message.Results;
import chatroom.codec.message.Search;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire form of protocol section 10: new requests and events, and message fields only when set. */
class NeverMissCodecTest {

    private final JsonCodec server = new JsonCodec(CodecLimits.DEFAULT, MessageTypes.CLIENT_TO_SERVER);
    private final JsonCodec client = new JsonCodec(CodecLimits.DEFAULT, MessageTypes.SERVER_TO_CLIENT);

    private static Object decode(JsonCodec codec, String json) {
        ByteBuf buf = Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8));
        try {
            return codec.decode(buf);
        } finally {
            buf.release();
        }
    }

    private static String encode(JsonCodec codec, Message message) {
        ByteBuf buf = codec.encode(message, ByteBufAllocator.DEFAULT);
        try {
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    @Test
    void requests_decodeIntoTheirRecords() {
        assertThat(decode(server, "{\"type\":\"read\",\"id\":1,\"with\":\"李雷\",\"seq\":3}"))
                .isEqualTo(new MarkRead(1L, null, "李雷", 3L));
        assertThat(decode(server, "{\"type\":\"conversations\",\"id\":2,\"limit\":5}"))
                .isEqualTo(new ListConversations(2L, 5));
        assertThat(decode(server, "{\"type\":\"edit\",\"room\":\"r\",\"seq\":4,\"text\":\"新\"}"))
                .isEqualTo(new EditMessage(null, "r", null, 4L, "新"));
        assertThat(decode(server, "{\"type\":\"delete\",\"room\":\"r\",\"seq\":4}"))
                .isEqualTo(new DeleteMessage(null, "r", null, 4L));
        assertThat(decode(server, "{\"type\":\"search\",\"q\":\"复习\",\"before\":9,\"limit\":3}"))
                .isEqualTo(new Search(null, "复习", null, null, 9L, 3));
    }

    @Test
    void read_isARequestForTheServer_andAnEventForTheClient() {
        assertThat(decode(client, "{\"type\":\"read\",\"room\":\"r\",\"seq\":2}")).isEqualTo(new ReadMarked("r", null, 2));
        assertThat(decode(client, "{\"type\":\"edited\",\"room\":\"r\",\"seq\":2,\"text\":\"t\",\"edited_ts\":5}"))
                .isEqualTo(new MessageEdited("r", null, 2, "t", 5));
        assertThat(decode(client, "{\"type\":\"deleted\",\"with\":\"b\",\"seq\":2,\"by\":\"b\"}"))
                .isEqualTo(new MessageDeleted(null, "b", 2, "b"));
    }

    @Test
    void message_carriesMentionsEditAndDeleteOnlyWhenSet() {
        assertThat(encode(server, ChatMessage.inRoom("r", 1, 5, "bob", "hi", null).withChanges(List.of(), null)))
                .as("a version-1 client sees nothing new")
                .isEqualTo("{\"type\":\"message\",\"room\":\"r\",\"seq\":1,\"ts\":5,\"from\":\"bob\",\"text\":\"hi\"}");
        assertThat(encode(server, ChatMessage.inRoom("r", 1, 5, "bob", "@小红 hi", null)
                .withChanges(List.of("小红"), 7L)))
                .isEqualTo("{\"type\":\"message\",\"room\":\"r\",\"seq\":1,\"ts\":5,\"from\":\"bob\",\"text\":\"@小红 hi\","
                        + "\"mentions\":[\"小红\"],\"edited_ts\":7}");
        assertThat(encode(server, ChatMessage.deleted("r", null, 2, 6, "bob")))
                .isEqualTo("{\"type\":\"message\",\"room\":\"r\",\"seq\":2,\"ts\":6,\"from\":\"bob\",\"deleted\":true}");
        ChatMessage decoded = (ChatMessage) decode(client,
                "{\"type\":\"message\",\"room\":\"r\",\"seq\":2,\"ts\":6,\"from\":\"bob\",\"deleted\":true}");
        assertThat(decoded.isDeleted()).isTrue();
        assertThat(decoded.text()).isNull();
    }

    @Test
    void conversations_writeLastAsNull_whenAConversationHasNoMessage() {
        Results.ConversationsResult result = new Results.ConversationsResult(List.of(
                new Results.ConversationEntry("r", null, 0, 0, 0, 0, null)), false);
        String json = encode(server, new Ok(1, result));
        assertThat(json).isEqualTo("{\"type\":\"ok\",\"id\":1,\"conversations\":[{\"room\":\"r\",\"seq\":0,"
                + "\"read\":0,\"unread\":0,\"mentions\":0,\"last\":null}],\"more\":false}");
        assertThat(ChatJson.convert(((Ok) decode(client, json)).result(), Results.ConversationsResult.class))
                .isEqualTo(result);
    }
}

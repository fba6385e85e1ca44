package chatroom.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** §1 of the contract: framing errors close, malformed messages answer and the connection stays usable. */
class BadInputIntegrationTest {

    @RegisterExtension
    static final ChatServerExtension server = new ChatServerExtension();
    static WireClient bystander;

    @BeforeAll
    static void start() {
        bystander = server.user("bystander");
    }

    @AfterAll
    static void stop() {
        assertThat(bystander.request("ping").path("type").asText()).as("other users unaffected").isEqualTo("pong");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertError(WireClient c, byte[] body, String code) {
        c.sendRaw(WireClient.frame(body));
        ObjectNode reply = c.event(e -> "error".equals(e.path("type").asText()));
        assertThat(reply.path("code").asText()).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(code);
        assertThat(reply.path("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(c.request("ping").path("type").asText()).as("still usable").isEqualTo("pong");
    }

    @Test
    void malformedMessages_answerBadRequest_andKeepTheConnection() {
        WireClient c = server.connect();
        assertError(c, new byte[] {(byte) 0xC3, 0x28}, "bad_request");
        assertError(c, new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
                "bad_request");
        assertError(c, utf8("not json"), "bad_request");
        assertError(c, utf8("[1,2,3]"), "bad_request");
        assertError(c, utf8("\"a string\""), "bad_request");
        assertError(c, utf8("{\"id\":1}"), "bad_request");
        assertError(c, utf8("{\"type\":42}"), "bad_request");
        assertError(c, utf8("{\"type\":\"ping\"} trailing"), "bad_request");
        assertError(c, utf8("{\"type\":\"send\",\"room\":5,\"text\":\"x\"}"), "bad_request");
        assertError(c, utf8("{\"type\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}"), "bad_request");
        assertError(c, utf8("{\"type\":\"teleport\",\"id\":9}"), "unknown_type");
    }

    @Test
    void nestingDeeperThan32_isBadRequest() {
        WireClient c = server.connect();
        String deep = "{\"type\":\"ping\",\"x\":" + "[".repeat(40) + "]".repeat(40) + "}";
        assertError(c, utf8(deep), "bad_request");
        String fine = "{\"type\":\"ping\",\"id\":3,\"x\":" + "[".repeat(20) + "]".repeat(20) + "}";
        c.sendRaw(WireClient.frame(utf8(fine)));
        assertThat(c.replyTo(3).path("type").asText()).isEqualTo("pong");
    }

    @Test
    void zeroLengthFrame_isBadFrame_thenClose() {
        WireClient c = server.connect();
        c.sendRaw(new byte[] {0, 0, 0, 0});
        List<ObjectNode> last = c.untilClosed(Duration.ofSeconds(5));
        assertThat(last).hasSize(1);
        assertThat(last.get(0).path("code").asText()).isEqualTo("bad_frame");
    }

    @Test
    void frameOverMaxFrame_isFrameTooLarge_thenClose() {
        WireClient c = server.connect();
        c.sendRaw(ByteBuffer.allocate(4).putInt(65537).array());
        List<ObjectNode> last = c.untilClosed(Duration.ofSeconds(5));
        assertThat(last).extracting(n -> n.path("code").asText()).containsExactly("frame_too_large");
    }

    @Test
    void fiftyMegabyteLengthPrefix_isRefusedAtOnce_withoutBufferingIt() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        WireClient c = server.connect();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(ByteBuffer.allocate(4).putInt(50 * 1024 * 1024).array());
        bytes.writeBytes(new byte[64 * 1024]);
        c.sendRaw(bytes.toByteArray());
        List<ObjectNode> last = c.untilClosed(Duration.ofSeconds(5));
        assertThat(last).extracting(n -> n.path("code").asText()).containsExactly("frame_too_large");
        System.gc();
        long after = runtime.totalMemory() - runtime.freeMemory();
        assertThat(after - before).as("heap growth in bytes").isLessThan(20L * 1024 * 1024);
    }

    @Test
    void frameSplitIntoSingleBytes_andFramesCoalesced_bothWork() {
        WireClient c = server.connect();
        byte[] ping = WireClient.frame(utf8("{\"type\":\"ping\",\"id\":\"split\"}"));
        for (byte b : ping) {
            c.sendRaw(new byte[] {b});
        }
        assertThat(c.replyTo("split").path("type").asText()).isEqualTo("pong");

        ByteArrayOutputStream three = new ByteArrayOutputStream();
        for (int i = 1; i <= 3; i++) {
            three.writeBytes(WireClient.frame(utf8("{\"type\":\"ping\",\"id\":\"c" + i + "\"}")));
        }
        c.sendRaw(three.toByteArray());
        for (int i = 1; i <= 3; i++) {
            assertThat(c.replyTo("c" + i).path("type").asText()).isEqualTo("pong");
        }
    }
}

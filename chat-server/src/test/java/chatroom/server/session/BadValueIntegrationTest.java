package chatroom.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.server.testing.ChatServerExtension;
import chatroom.server.testing.WireClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Contract §7: a value a field cannot hold is a plain bad_request that keeps the request's id. */
class BadValueIntegrationTest {

    @RegisterExtension
    static final ChatServerExtension server = new ChatServerExtension();
    static WireClient alice;

    @BeforeAll
    static void start() {
        alice = server.user("alice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"before\":1e400", "\"before\":99999999999999999999999", "\"limit\":3000000000",
            "\"limit\":\"x\"", "\"after\":-1e400"})
    void history_withAValueItsFieldCannotHold_isBadRequest_withoutParserText_andTheIdEchoed(String field) {
        for (String id : new String[] {"41", "\"h-41\"", "123456789012345678901234567890"}) {
            String json = "{\"type\":\"history\",\"id\":" + id + ",\"room\":\"lobby\"," + field + "}";
            alice.sendRaw(WireClient.frame(json.getBytes(StandardCharsets.UTF_8)));

            ObjectNode reply = alice.event(e -> "error".equals(e.path("type").asText()));

            assertThat(reply.path("code").asText()).as(json).isEqualTo("bad_request");
            assertThat(reply.get("id")).as(json + " keeps its id").isNotNull();
            assertThat(reply.get("id").toString()).as(json).isEqualTo(id);
            assertThat(reply.path("message").asText()).as(json).isNotBlank()
                    .doesNotContainIgnoringCase("numeric").doesNotContainIgnoringCase("jackson")
                    .doesNotContainIgnoringCase("out of range");
            assertThat(alice.request("ping").path("type").asText()).as("still usable").isEqualTo("pong");
        }
    }
}

package chatroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * What nodes send each other through Redis is named by {@code kind}, not by the record's Java name:
 * a node of the previous release and one of this release understand each other (rolling upgrade).
 */
class ClusterEventJsonTest {

    /** Configured as {@link RedisCluster}'s mapper. */
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void aFileInARoom_travelsAsKindFile() throws JsonProcessingException {
        String sent = json.writeValueAsString(new RedisCluster.Envelope("n1",
                new ClusterEvent.FileAdded("大厅", "f1", "报告.pdf", 12, "小明", 1000)));
        assertThat(sent).isEqualTo("{\"node\":\"n1\",\"event\":{\"kind\":\"file\",\"room\":\"大厅\",\"fileId\":\"f1\","
                + "\"name\":\"报告.pdf\",\"size\":12,\"from\":\"小明\",\"ts\":1000}}");
        assertThat(json.readValue(sent, RedisCluster.Envelope.class).event())
                .isEqualTo(new ClusterEvent.FileAdded("大厅", "f1", "报告.pdf", 12, "小明", 1000));
    }

    @Test
    void aDeletedRoom_travelsAsKindRoomDeleted() throws JsonProcessingException {
        String sent = "{\"node\":\"n2\",\"event\":{\"kind\":\"room_deleted\",\"room\":\"大厅\"}}";
        assertThat(json.writeValueAsString(new RedisCluster.Envelope("n2", new ClusterEvent.RoomRemoved("大厅"))))
                .isEqualTo(sent);
        assertThat(json.readValue(sent, RedisCluster.Envelope.class).event())
                .isEqualTo(new ClusterEvent.RoomRemoved("大厅"));
    }
}

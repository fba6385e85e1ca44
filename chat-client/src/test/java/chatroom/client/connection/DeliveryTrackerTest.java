package chatroom.client.connection;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.message.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryTrackerTest {

    private final List<Long> delivered = new ArrayList<>();
    private final DeliveryTracker tracker = new DeliveryTracker(m -> delivered.add(m.seq()));

    private static ChatMessage room(long seq) {
        return ChatMessage.inRoom("Lobby", seq, seq, "a", "t" + seq, null);
    }

    @Test
    void offer_deliversOnce_andDropsSeqsAlreadyDelivered() {
        tracker.startAt(DeliveryTracker.roomKey("lobby"), 4);
        tracker.offer(room(3));
        tracker.offer(room(5));
        tracker.offer(room(5));
        tracker.offer(room(6));
        assertThat(delivered).containsExactly(5L, 6L);
        assertThat(tracker.last("r:lobby")).isEqualTo(6);
    }

    @Test
    void resume_buffersThenDeliversInSeqOrder_withoutDuplicates() {
        tracker.offer(room(1));
        tracker.beginResume("r:lobby");
        tracker.offer(room(4));
        tracker.offer(room(2));
        tracker.offer(room(3));
        tracker.offer(room(1));
        tracker.offer(room(4));
        assertThat(delivered).containsExactly(1L);
        assertThat(tracker.endResume("r:lobby")).isEqualTo(3);
        assertThat(delivered).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void directMessages_areTrackedPerOtherUser() {
        tracker.offer(ChatMessage.direct("Bob", 1, 1, "Bob", "me", "x", null));
        tracker.offer(ChatMessage.direct("carol", 1, 1, "carol", "me", "y", null));
        tracker.offer(ChatMessage.direct("bob", 1, 1, "bob", "me", "again", null));
        assertThat(delivered).containsExactly(1L, 1L);
        assertThat(tracker.positions()).containsKeys("d:bob", "d:carol");
    }
}

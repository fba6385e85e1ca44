package chatroom.codec;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.message.Event;
import chatroom.codec.message.Message;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sealed hierarchy is the list of wire types: a record added to {@code Request}, {@code Reply}
 * or {@code Event} but forgotten in a decode table would be sent but never read.
 */
class MessageTypesTest {

    @Test
    void message_isSealedOverRequestReplyAndEvent() {
        assertThat(Message.class.isSealed()).isTrue();
        assertThat(Message.class.getPermittedSubclasses()).containsExactlyInAnyOrder(
                Request.class, Reply.class, Event.class);
    }

    @Test
    void everyRequest_isReadByTheServer() {
        for (Class<?> request : leaves(Request.class)) {
            assertThat(MessageTypes.CLIENT_TO_SERVER.classOf(wireType(request))).as(request.getSimpleName())
                    .isEqualTo(request);
        }
    }

    @Test
    void everyReplyAndEvent_isReadByTheClient() {
        List<Class<?>> sent = new ArrayList<>(leaves(Reply.class));
        sent.addAll(leaves(Event.class));
        for (Class<?> message : sent) {
            assertThat(MessageTypes.SERVER_TO_CLIENT.classOf(wireType(message))).as(message.getSimpleName())
                    .isEqualTo(message);
        }
    }

    private static List<Class<?>> leaves(Class<?> sealed) {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> sub : sealed.getPermittedSubclasses()) {
            if (sub.isSealed()) {
                out.addAll(leaves(sub));
            } else {
                assertThat(sub.isRecord()).as(sub + " is a record").isTrue();
                out.add(sub);
            }
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    private static String wireType(Class<?> type) {
        try {
            return (String) type.getField("TYPE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type + " has no public static TYPE", e);
        }
    }
}

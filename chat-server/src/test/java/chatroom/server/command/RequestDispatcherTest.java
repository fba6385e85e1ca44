package chatroom.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.message.Request;
import chatroom.server.cluster.NodeEvents;
import chatroom.server.cluster.SingleNode;
import chatroom.server.config.ServerConfig;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestDispatcherTest {

    /**
     * The handlers keep the context and take the counters of the node's cluster (a single node here);
     * no other service is used while the table is built.
     */
    private final RequestDispatcher dispatcher = new RequestDispatcher(new ServerContext(ServerConfig.builder().build(),
            null, null, null, null, null, null, null, null, null, null, null,
            new NodeEvents(null, null, null, null, new SingleNode())));

    @Test
    void everyRequestType_hasAHandler() {
        List<Class<?>> requests = List.of(Request.class.getPermittedSubclasses());
        assertThat(requests).as("Request is sealed").isNotEmpty();
        assertThat(Set.<Class<?>>copyOf(dispatcher.handledTypes())).as("a request type without a handler would answer unknown_type")
                .containsExactlyInAnyOrderElementsOf(requests);
    }
}

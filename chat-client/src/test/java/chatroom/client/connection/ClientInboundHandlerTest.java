package chatroom.client.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import chatroom.client.ChatListener;
import chatroom.client.ClientOptions;
import chatroom.codec.FramingError;
import chatroom.codec.message.Bye;
import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.Event;
import chatroom.codec.message.Ping;
import chatroom.codec.message.Pong;
import chatroom.codec.message.Welcome;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The end of the client pipeline on an EmbeddedChannel: where each kind of decoded message goes. */
class ClientInboundHandlerTest {

    private final List<String> heard = new ArrayList<>();
    private final ListenerNotifier listeners = new ListenerNotifier();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    ClientInboundHandlerTest() {
        listeners.add(new ChatListener() {
            @Override
            public void onEvent(Event event) {
                heard.add("listener " + event.type());
            }
        });
        ClientInboundHandler.Lifecycle lifecycle = new ClientInboundHandler.Lifecycle() {
            @Override
            public void welcomed(ChannelHandlerContext ctx, Welcome welcome) {
                heard.add("welcomed");
            }

            @Override
            public void saidBye(Bye bye) {
                heard.add("connection bye " + bye.reason());
            }

            @Override
            public void disconnected() {
                heard.add("disconnected");
            }
        };
        RequestQueue requests = new RequestQueue(channel.eventLoop(), ClientOptions.builder().build());
        channel.pipeline().addLast(new ClientInboundHandler(requests, (request, ok) -> { }, new DeliveryTracker(m -> { }),
                listeners, lifecycle));
    }

    @Test
    void aServersPing_isAnsweredWithAPongOfTheSameId() {
        channel.writeInbound(new Ping(42L, TextNode.valueOf("t1")));

        assertThat((Object) channel.readOutbound()).isEqualTo(new Pong(42L, TextNode.valueOf("t1")));
        assertFalse(channel.finish());
    }

    @Test
    void bye_reachesTheConnectionBeforeTheListeners_andTheSocketsEndFollows() {
        channel.writeInbound(new Bye(Bye.BANNED));
        channel.close();

        assertThat(heard).containsExactly("connection bye banned", "listener bye", "disconnected");
        assertFalse(channel.finish());
    }

    @Test
    void brokenFraming_closesTheSocket() {
        channel.writeInbound(new FramingError(ErrorCode.BAD_FRAME, "length 0"));

        assertThat(channel.isOpen()).isFalse();
        assertThat(heard).containsExactly("disconnected");
        assertFalse(channel.finish());
    }
}

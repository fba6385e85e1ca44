package chatroom.server.room;

import chatroom.codec.CodecLimits;
import chatroom.codec.JsonCodec;
import chatroom.codec.MessageTypes;
import chatroom.server.metrics.ServerMetrics;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.ChatStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A broadcaster on real registries and store, and logged-in sessions on {@link EmbeddedChannel}s, for unit tests. */
public final class BroadcasterFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BroadcasterFixture() {
    }

    /** A broadcaster that drains each commit's fan-out at once. */
    public static Broadcaster broadcaster(RoomRegistry rooms, SessionRegistry sessions, ServerMetrics metrics,
                                          ChatStore store, Duration holdBack) {
        return broadcaster(rooms, sessions, metrics, store, holdBack, FanOutPacing.IMMEDIATE);
    }

    public static Broadcaster broadcaster(RoomRegistry rooms, SessionRegistry sessions, ServerMetrics metrics,
                                          ChatStore store, Duration holdBack, FanOutPacing fanOut) {
        return new Broadcaster(rooms, sessions, new JsonCodec(CodecLimits.ofMaxFrame(65536),
                MessageTypes.CLIENT_TO_SERVER), UnpooledByteBufAllocator.DEFAULT, metrics, store, holdBack,
                fanOut);
    }

    /** A session of {@code user}, logged in and registered; what it writes shows on the returned channel. */
    public static EmbeddedChannel loggedIn(SessionRegistry sessions, String user) {
        return (EmbeddedChannel) loggedInSession(sessions, user).channel();
    }

    /** Like {@link #loggedIn} but returns the session (its channel is an {@link EmbeddedChannel}). */
    public static Session loggedInSession(SessionRegistry sessions, String user) {
        Session session = new Session(new EmbeddedChannel(), 1 << 20);
        session.authenticated(user, user, 0, false, "token-" + user);
        sessions.add(session);
        return session;
    }

    /** Counts the flushes that reach the channel from here on: one per drain that wrote something. */
    public static AtomicInteger countFlushes(EmbeddedChannel channel) {
        AtomicInteger flushes = new AtomicInteger();
        channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes.incrementAndGet();
                ctx.flush();
            }
        });
        return flushes;
    }

    /** Runs the channel's pending tasks and returns the events it wrote since the last call (buffers released). */
    public static List<JsonNode> written(EmbeddedChannel channel) {
        channel.runPendingTasks();
        List<JsonNode> events = new ArrayList<>();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            ByteBuf body = (ByteBuf) out; // broadcasts are encoded once for all members
            try {
                events.add(JSON.readTree(new ByteBufInputStream(body)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                body.release();
            }
        }
        return events;
    }
}

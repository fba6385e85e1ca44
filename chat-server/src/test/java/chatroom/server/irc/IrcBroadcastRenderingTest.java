package chatroom.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import chatroom.codec.CodecLimits;
import chatroom.codec.JsonCodec;
import chatroom.codec.MessageTypes;
import chatroom.server.metrics.ServerMetrics;
import chatroom.server.room.Broadcaster;
import chatroom.server.room.FanOutPacing;
import chatroom.server.room.RoomRegistry;
import chatroom.server.session.Session;
import chatroom.server.session.SessionRegistry;
import chatroom.server.store.ChatStore;
import chatroom.server.store.Conversation;
import chatroom.server.store.JdbcChatStore;
import chatroom.server.store.Names;
import chatroom.server.store.StoredMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A room message broadcast to many IRC members is turned into IRC lines once per combination of
 * tag capabilities, not once per member: every member with the same capabilities is written the
 * very same bytes (the JSON body is never parsed back). A real broadcaster, registries and store;
 * the IRC gateway of each member on an {@link EmbeddedChannel}.
 */
class IrcBroadcastRenderingTest {

    private static final Conversation LOBBY = Conversation.room(ChatStore.LOBBY);
    private static final long TS = 1_700_000_000_123L;

    @TempDir
    Path dataDir;

    private JdbcChatStore store;
    private RoomRegistry rooms;
    private SessionRegistry sessions;
    private IrcNetwork network;
    private Broadcaster broadcaster;
    private final ServerMetrics metrics = new ServerMetrics();
    private final JsonCodec events = new JsonCodec(CodecLimits.ofMaxFrame(65536), MessageTypes.SERVER_TO_CLIENT);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @BeforeEach
    void setUp() {
        store = JdbcChatStore.openSqlite(dataDir, 64);
        rooms = RoomRegistry.from(store.load());
        sessions = new SessionRegistry();
        network = new IrcNetwork(rooms, sessions);
        broadcaster = new Broadcaster(rooms, sessions, new JsonCodec(CodecLimits.ofMaxFrame(65536),
                MessageTypes.CLIENT_TO_SERVER), UnpooledByteBufAllocator.DEFAULT, metrics, store, Duration.ofMillis(50),
                FanOutPacing.IMMEDIATE);
    }

    @AfterEach
    void tearDown() {
        broadcaster.close();
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        store.close();
        metrics.close();
    }

    /** A registered IRC client in the lobby with the given capabilities. */
    private EmbeddedChannel member(String nick, String... caps) {
        EmbeddedChannel channel = new EmbeddedChannel(new IrcGatewayHandler(events, new IrcConfig(0, ""), network));
        IrcConnection irc = channel.attr(IrcNetwork.CONNECTION).get();
        irc.nick = nick;
        irc.registered = true;
        irc.entered(ChatStore.LOBBY);
        for (String cap : caps) {
            irc.enable(cap);
        }
        Session session = new Session(channel, 1 << 20);
        session.authenticated(nick, Names.key(nick), channels.size() + 1, false, "token-" + nick);
        channel.attr(Session.KEY).set(session);
        sessions.add(session);
        rooms.addMember(rooms.find(ChatStore.LOBBY), nick);
        channels.add(channel);
        return channel;
    }

    /** A committed room message; seqs start at 1 (the broadcaster holds a message back behind a gap). */
    private void broadcast(long seq, String from, String text) {
        broadcaster.committed(new StoredMessage(LOBBY, seq, TS, from, null, text, null));
        broadcaster.commitDone();
    }

    /** The one buffer the channel was written for the broadcast (not released: the caller compares and releases). */
    private static ByteBuf writtenOnce(EmbeddedChannel channel) {
        channel.runPendingTasks();
        ByteBuf out = channel.readOutbound();
        assertThat(out).as("the lines of one message").isNotNull();
        assertThat((Object) channel.readOutbound()).as("one write per message and member").isNull();
        return out;
    }

    @Test
    void aRoomMessageToManyIrcMembers_isRenderedOncePerTagSet_andTheSameBytesGoToEach() {
        List<EmbeddedChannel> plain = new ArrayList<>();
        List<EmbeddedChannel> tagged = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            plain.add(member("plain" + i));
            tagged.add(member("tagged" + i, IrcCaps.SERVER_TIME, IrcCaps.MESSAGE_TAGS));
        }

        broadcast(1, "alice", "你好 world");

        List<ByteBuf> plainOut = plain.stream().map(IrcBroadcastRenderingTest::writtenOnce).toList();
        List<ByteBuf> taggedOut = tagged.stream().map(IrcBroadcastRenderingTest::writtenOnce).toList();
        try {
            for (ByteBuf out : plainOut) {
                assertThat(out.toString(StandardCharsets.UTF_8))
                        .isEqualTo(":alice!alice@chatroom PRIVMSG #lobby :你好 world\r\n");
            }
            for (ByteBuf out : taggedOut) {
                assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                        "@time=2023-11-14T22:13:20.123Z;msgid=lobby/1 :alice!alice@chatroom PRIVMSG #lobby :你好 world\r\n");
            }
            assertSharedBytes(plainOut);
            assertSharedBytes(taggedOut);
            assertThat(plainOut.get(0).array()).isNotSameAs(taggedOut.get(0).array());
        } finally {
            plainOut.forEach(ByteBuf::release);
            taggedOut.forEach(ByteBuf::release);
        }
    }

    @Test
    void aLongMessage_isSplitAtSpacesOnce_andEveryMemberGetsAllItsLines() {
        List<EmbeddedChannel> members = List.of(member("bob"), member("carol"), member("dave"));
        String text = "漢字".repeat(60) + " " + "word ".repeat(100).trim();

        broadcast(1, "alice", text);

        List<ByteBuf> out = members.stream().map(IrcBroadcastRenderingTest::writtenOnce).toList();
        try {
            String[] lines = out.get(0).toString(StandardCharsets.UTF_8).split("\r\n");
            assertThat(lines).hasSizeGreaterThan(1);
            StringBuilder joined = new StringBuilder();
            for (String line : lines) {
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(510);
                assertThat(line).startsWith(":alice!alice@chatroom PRIVMSG #lobby :");
                String piece = line.substring(":alice!alice@chatroom PRIVMSG #lobby :".length());
                joined.append(joined.isEmpty() || piece.isEmpty() ? "" : " ").append(piece);
            }
            assertThat(joined.toString()).isEqualTo(text);
            assertSharedBytes(out);
        } finally {
            out.forEach(ByteBuf::release);
        }
    }

    @Test
    void theSendersOwnMessage_isNotEchoed_withoutEchoMessage_butIsWithIt() {
        EmbeddedChannel quiet = member("alice");
        EmbeddedChannel echoing = member("alice2", IrcCaps.ECHO_MESSAGE);
        IrcConnection quietIrc = quiet.attr(IrcNetwork.CONNECTION).get();
        String cid = quietIrc.newCid();

        broadcaster.committed(new StoredMessage(LOBBY, 1, TS, "alice", null, "mine", cid));
        broadcaster.committed(new StoredMessage(LOBBY, 2, TS, "alice2", null, "mine too", null));
        broadcaster.commitDone();

        quiet.runPendingTasks();
        ByteBuf fromOther = quiet.readOutbound();
        try {
            assertThat(fromOther.toString(StandardCharsets.UTF_8))
                    .isEqualTo(":alice2!alice2@chatroom PRIVMSG #lobby :mine too\r\n");
            assertThat((Object) quiet.readOutbound()).isNull();
            assertThat(quietIrc.timestampOf("#lobby", 1)).as("its own message is remembered all the same").isEqualTo(TS);
        } finally {
            fromOther.release();
        }
        echoing.runPendingTasks();
        List<String> seen = new ArrayList<>();
        for (ByteBuf out; (out = echoing.readOutbound()) != null; ) {
            seen.add(out.toString(StandardCharsets.UTF_8));
            out.release();
        }
        assertThat(seen).containsExactly(":alice!alice@chatroom PRIVMSG #lobby :mine\r\n",
                ":alice2!alice2@chatroom PRIVMSG #lobby :mine too\r\n");
    }

    private static void assertSharedBytes(List<ByteBuf> written) {
        for (ByteBuf out : written) {
            assertThat(out.hasArray()).as("lines written from the shared rendering").isTrue();
            assertThat(out.array()).as("the same rendered bytes for every member").isSameAs(written.get(0).array());
        }
    }
}

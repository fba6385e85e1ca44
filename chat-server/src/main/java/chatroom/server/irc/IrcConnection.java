package chatroom.server.irc;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Request;
import chatroom.codec.message.Results.RoomSeq;
import chatroom.server.session.SharedEvent;
import chatroom.server.store.Names;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The IRC side of one connection: what the client registered with, the capabilities it enabled,
 * and the requests the gateway sent on its behalf (matched to their replies by id). Writes IRC
 * lines to the socket. Event loop only.
 */
final class IrcConnection {

    /** The server's name in the prefix of its own lines. */
    static final String SERVER = "chatroom";
    /** The host part of every user's prefix: users have no address on this network. */
    static final String HOST = "chatroom";
    /** What a line may hold before CR LF, tags not counted (RFC 1459: 512 with CR LF). */
    static final int MAX_LINE = IrcLineDecoder.MAX_LINE_BYTES - 2;
    /** How many combinations of the tags a live message may carry ({@link #messageTagSet}). */
    static final int MESSAGE_TAG_SETS = 8;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ChannelHandlerContext ctx;
    private final Map<String, Consumer<Reply>> waiting = new HashMap<>();
    private final Set<String> ownCids = new HashSet<>();
    private final Set<String> caps = new HashSet<>();
    private final IrcTimestamps timestamps = new IrcTimestamps();
    private final IrcShownMarkers shown = new IrcShownMarkers(this);
    private long nextId;
    /** The labeled command whose answer is being collected (labeled-response), or null. */
    private IrcLabel label;
    private long nextBatch;
    private boolean writing;

    /** The channels this client is on (room keys): a JOIN of one of them again changes nothing. */
    private final Set<String> channels = new HashSet<>();
    /** The away message set with AWAY, or null; read by other connections (WHO, WHOIS, PRIVMSG). */
    private volatile String away;
    /** The rooms the login reply named, with their latest seq: joined once registration completes. */
    List<RoomSeq> loginRooms = List.of();

    String nick = "*";
    String user;
    String pass;
    boolean capNegotiating;
    boolean loggedIn;
    boolean registered;
    boolean loginSent;
    String saslMechanism;
    StringBuilder saslBuffer;

    IrcConnection(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    ChannelHandlerContext ctx() {
        return ctx;
    }

    /** The read markers that follow what a client without {@code draft/read-marker} was shown. */
    IrcShownMarkers shownMarkers() {
        return shown;
    }

    boolean has(String cap) {
        return caps.contains(cap);
    }

    void enable(String cap) {
        caps.add(cap);
    }

    void disable(String cap) {
        caps.remove(cap);
    }

    // ---- channels and away ----

    boolean isOn(String room) {
        return channels.contains(Names.key(room));
    }

    void entered(String room) {
        channels.add(Names.key(room));
    }

    void left(String room) {
        channels.remove(Names.key(room));
    }

    String away() {
        return away;
    }

    void away(String message) {
        away = message;
    }

    /**
     * Another user sharing a channel went away ({@code message}) or came back (null): with
     * away-notify the client is told. Called on this connection's event loop.
     */
    void awayChanged(String user, String message) {
        if (!registered || !has(IrcCaps.AWAY_NOTIFY) || !ctx.channel().isActive()) {
            return;
        }
        if (message == null) {
            fromUser(user, "AWAY");
        } else {
            fromUser(user, "AWAY", message);
        }
        ctx.flush();
    }

    // ---- requests to the command layer ----

    /**
     * Hands a request to the session (the same command layer as the JSON protocol); its reply goes
     * to {@code onReply}. Requests leave in call order.
     */
    void request(Function<Object, Request> build, Consumer<Reply> onReply) {
        String id = "irc-" + (++nextId);
        IrcLabel owner = label;
        if (owner != null) {
            owner.started();
        }
        waiting.put(id, reply -> {
            IrcLabel outer = label;
            label = owner;
            try {
                onReply.accept(reply);
            } finally {
                label = outer;
                if (owner != null) {
                    owner.finished();
                    finishLabel(owner);
                }
            }
        });
        Request request = build.apply(id);
        if (writing) {
            // called from a reply being written: the session is between requests, so queue it behind
            ctx.executor().execute(() -> ctx.fireChannelRead(request));
        } else {
            ctx.fireChannelRead(request);
        }
    }

    /** A client id for a send of this connection, so that without echo-message its echo is dropped. */
    String newCid() {
        String cid = "irc-" + ctx.channel().id().asShortText() + "-" + (++nextId);
        ownCids.add(cid);
        return cid;
    }

    /** Whether {@code cid} was a send of this connection (forgotten once seen). */
    boolean ownSend(String cid) {
        return cid != null && ownCids.remove(cid);
    }

    /** The callback waiting for the reply with {@code id}, removed; null when none. */
    Consumer<Reply> takeCallback(Object id) {
        return id == null ? null : waiting.remove(id.toString());
    }

    void writing(boolean writing) {
        this.writing = writing;
    }

    // ---- message timestamps, for read markers and chathistory timestamps ----

    void remember(String target, long seq, long ts) {
        timestamps.remember(target, seq, ts);
    }

    Long timestampOf(String target, long seq) {
        return timestamps.timestampOf(target, seq);
    }

    // ---- writing lines ----

    static String time(long ts) {
        return TIME.format(Instant.ofEpochMilli(ts));
    }

    static long parseTime(String text) {
        return Instant.parse(text).toEpochMilli();
    }

    /** A stable message id made of the conversation and seq: {@code room/seq} or {@code a+b/seq}. */
    static String msgid(ChatMessage m) {
        if (!m.isDirect()) {
            return m.room() + "/" + m.seq();
        }
        String a = m.from();
        String b = m.to() != null ? m.to() : m.with();
        if (a.compareTo(b) > 0) {
            String swap = a;
            a = b;
            b = swap;
        }
        return a + "+" + b + "/" + m.seq();
    }

    /** The IRC target of a conversation: {@code #room} or the other user's nick. */
    static String target(ChatMessage m) {
        return m.isDirect() ? m.with() : "#" + m.room();
    }

    static String userPrefix(String nick) {
        return nick + "!" + nick + "@" + HOST;
    }

    /** Sends a numeric reply: {@code :server CODE nick params...}. */
    void numeric(String code, String... params) {
        List<String> all = new ArrayList<>(params.length + 1);
        all.add(nick);
        all.addAll(List.of(params));
        send(new IrcMessage(Map.of(), SERVER, code, all));
    }

    /** A line from the server itself (no nick after the command). */
    void fromServer(String command, String... params) {
        send(new IrcMessage(Map.of(), SERVER, command, List.of(params)));
    }

    /** A line from {@code nick}: {@code :nick!nick@host COMMAND params...}. */
    void fromUser(String from, String command, String... params) {
        send(new IrcMessage(Map.of(), userPrefix(from), command, List.of(params)));
    }

    /** {@code nick} joined {@code channel}; with extended-join the line names the account (= nick) and real name. */
    void joined(String nick, String channel) {
        if (has(IrcCaps.EXTENDED_JOIN)) {
            fromUser(nick, "JOIN", channel, nick, nick);
        } else {
            fromUser(nick, "JOIN", channel);
        }
    }

    /**
     * Sends a chat message as PRIVMSG lines: one per text line, each cut to fit 512 bytes on UTF-8
     * boundaries; tags (server-time, msgid, account, batch) as the client enabled them.
     */
    void chatMessage(ChatMessage m, String command, String batch) {
        remember(target(m), m.seq(), m.ts());
        shown.shown(target(m), m.seq());
        chatLines(m, command, targetFor(m), messageTags(m, batch)).forEach(this::send);
    }

    /**
     * Sends a live chat message (not part of a batch). A broadcast's message is rendered once for
     * every IRC recipient ({@link IrcRendering}, kept in {@code shared}): this connection writes the
     * lines made for its tag capabilities, which a recipient with the same ones made before.
     *
     * @param shared the broadcast the message came with, or null (replayed, or sent to one session)
     */
    void liveMessage(ChatMessage m, SharedEvent shared) {
        if (shared == null || label != null) {
            chatMessage(m, "PRIVMSG", null);
            return;
        }
        IrcRendering rendering = shared.rendering(IrcRendering::of);
        remember(rendering.conversation(), m.seq(), m.ts());
        shown.shown(rendering.conversation(), m.seq());
        String target = m.isDirect() ? targetFor(m) : rendering.conversation();
        byte[] lines = rendering.lines(this, messageTagSet(), target);
        // the shared bytes are wrapped, not copied: nothing downstream writes into an outbound buffer
        ctx.write(Unpooled.wrappedBuffer(lines), ctx.voidPromise());
    }

    /** Where this client sees {@code m}: its channel, or for a direct message the other party or itself. */
    private String targetFor(ChatMessage m) {
        return m.isDirect() ? (m.from().equals(nick) ? m.with() : nick) : "#" + m.room();
    }

    /** Which of the tags of {@link #messageTags} (batch aside) this client gets: 0 to {@link #MESSAGE_TAG_SETS} - 1. */
    int messageTagSet() {
        return (has(IrcCaps.SERVER_TIME) ? 1 : 0) | (has(IrcCaps.MESSAGE_TAGS) ? 2 : 0)
                | (has(IrcCaps.ACCOUNT_TAG) ? 4 : 0);
    }

    /** A chat message's tags as this client enabled them: batch, server-time, msgid, account. */
    Map<String, String> messageTags(ChatMessage m, String batch) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (batch != null && has(IrcCaps.BATCH)) {
            tags.put("batch", batch);
        }
        if (has(IrcCaps.SERVER_TIME)) {
            tags.put("time", time(m.ts()));
        }
        if (has(IrcCaps.MESSAGE_TAGS)) {
            tags.put("msgid", msgid(m));
        }
        if (has(IrcCaps.ACCOUNT_TAG)) {
            tags.put("account", m.from());
        }
        return tags;
    }

    /**
     * The lines of a chat message to {@code target}: one {@code command} per text line, each cut at
     * a word boundary where it can to fit 512 bytes; a deleted message is a NOTICE saying so.
     */
    static List<IrcMessage> chatLines(ChatMessage m, String command, String target, Map<String, String> tags) {
        String prefix = userPrefix(m.from());
        if (m.isDeleted() || m.text() == null) {
            return List.of(new IrcMessage(tags, prefix, "NOTICE", List.of(target, "[message " + m.seq() + " was deleted]")));
        }
        int room = MAX_LINE - Utf8.length(":" + prefix + " " + command + " " + target + " :");
        List<IrcMessage> lines = new ArrayList<>();
        for (String piece : Utf8.split(m.text(), room)) {
            lines.add(new IrcMessage(tags, prefix, command, List.of(target, piece)));
        }
        return lines;
    }

    String startBatch(String type, String... params) {
        if (!has(IrcCaps.BATCH)) {
            return null;
        }
        String id = "b" + (++nextBatch);
        List<String> all = new ArrayList<>();
        all.add("+" + id);
        all.add(type);
        all.addAll(List.of(params));
        send(new IrcMessage(Map.of(), SERVER, "BATCH", all));
        return id;
    }

    void endBatch(String id) {
        if (id != null) {
            send(new IrcMessage(Map.of(), SERVER, "BATCH", List.of("-" + id)));
        }
    }

    void send(IrcMessage message) {
        if (label != null) {
            label.add(message);
        } else {
            ctx.write(encode(message), ctx.voidPromise());
        }
    }

    // ---- labeled-response: a labeled command's answer, whatever requests it took ----

    /** A command arrives: with labeled-response and a label, its answer is collected from now on. */
    void beginCommand(String labelTag) {
        label = labelTag != null && has(IrcCaps.LABELED_RESPONSE) ? new IrcLabel(labelTag) : null;
    }

    /** The command has run: its answer goes out once the requests it made are answered. */
    void endCommand() {
        IrcLabel done = label;
        label = null;
        finishLabel(done);
    }

    /** Events are nobody's answer: they are written while no label collects. */
    IrcLabel suspendLabel() {
        IrcLabel saved = label;
        label = null;
        return saved;
    }

    void resumeLabel(IrcLabel saved) {
        label = saved;
    }

    private void finishLabel(IrcLabel done) {
        if (done == null || !done.complete()) {
            return;
        }
        IrcLabel outer = label;
        label = null;
        try {
            List<IrcMessage> lines = done.lines();
            if (lines.isEmpty()) {
                send(new IrcMessage(Map.of("label", done.label()), SERVER, "ACK", List.of()));
            } else if (lines.size() == 1) {
                send(tagged(lines.get(0), "label", done.label()));
            } else if (!has(IrcCaps.BATCH)) {
                lines.forEach(this::send);
            } else {
                String id = "b" + (++nextBatch);
                send(new IrcMessage(Map.of("label", done.label()), SERVER, "BATCH",
                        List.of("+" + id, "labeled-response")));
                for (IrcMessage line : lines) {
                    // a line already in a nested batch (chathistory) keeps its own
                    send(line.tags().containsKey("batch") ? line : tagged(line, "batch", id));
                }
                send(IrcMessage.of("BATCH", "-" + id).withPrefix(SERVER));
            }
        } finally {
            label = outer;
        }
    }

    private static IrcMessage tagged(IrcMessage line, String tag, String value) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(tag, value);
        tags.putAll(line.tags());
        return new IrcMessage(tags, line.prefix(), line.command(), line.params());
    }

    ByteBuf encode(IrcMessage message) {
        String line = message.format();
        ByteBuf buf = ctx.alloc().buffer(Utf8.length(line) + 2);
        buf.writeCharSequence(line, StandardCharsets.UTF_8);
        buf.writeByte('\r').writeByte('\n');
        return buf;
    }
}

package chatroom.bench.irc;

import chatroom.bench.client.BenchClock;
import chatroom.bench.client.DeliveryListener;
import chatroom.bench.client.TimedSender;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One load-generator connection to an IRC server (ngircd, or the chat server's IRC port). IRC has
 * no reply to a PRIVMSG, so a batch of timed PRIVMSGs is followed by a {@code PING} whose
 * {@code PONG} answers the whole batch: "acknowledged" here means "read and handled by the server"
 * (servers answer a connection's lines in order), which bounds a sender's window like the JSON
 * contract's {@code ok} does. Deliveries are timed from the {@code bench <nanos>} text as in JSON
 * mode. IRC does not echo a PRIVMSG to its sender, so each message reaches members - 1 connections.
 */
public final class IrcBenchConnection implements TimedSender {

    static final AttributeKey<IrcBenchConnection> KEY = AttributeKey.valueOf(IrcBenchConnection.class, "irc-bench");

    private final Channel channel;
    private final CompletableFuture<IrcBenchConnection> registered = new CompletableFuture<>();
    private final Map<String, CompletableFuture<Void>> joins = new ConcurrentHashMap<>();
    /** Send times of timed PRIVMSGs not yet answered by a PONG; event loop only. */
    private final ArrayDeque<Long> unanswered = new ArrayDeque<>();
    /** {ping number, PRIVMSGs it answers} of PINGs in flight; event loop only. */
    private final ArrayDeque<long[]> pings = new ArrayDeque<>();
    private int sinceLastPing;
    private long pingNumber;
    private volatile DeliveryListener listener = DeliveryListener.NONE;
    private volatile String nick = "*";
    private volatile String closeReason;

    IrcBenchConnection(Channel channel) {
        this.channel = channel;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public void listener(DeliveryListener listener) {
        this.listener = listener;
    }

    @Override
    public int outstanding() {
        return unanswered.size();
    }

    @Override
    public boolean isActive() {
        return channel.isActive();
    }

    public String nick() {
        return nick;
    }

    /**
     * Registers with {@code PASS} (when {@code pass} is not null), {@code NICK} and {@code USER};
     * completes at {@code 001}, fails on an error numeric or a close.
     */
    public CompletableFuture<IrcBenchConnection> register(String nick, String pass) {
        this.nick = nick;
        StringBuilder lines = new StringBuilder();
        if (pass != null) {
            lines.append("PASS ").append(pass).append("\r\n");
        }
        lines.append("NICK ").append(nick).append("\r\nUSER ").append(nick).append(" 0 * :chat-bench\r\n");
        writeLine(lines.toString(), true);
        return registered;
    }

    /** Joins {@code channelName} ({@code #room}); completes at the end of its names list ({@code 366}). */
    public CompletableFuture<Void> join(String channelName) {
        CompletableFuture<Void> joined = joins.computeIfAbsent(channelName.toLowerCase(Locale.ROOT),
                key -> new CompletableFuture<>());
        writeLine("JOIN " + channelName + "\r\n", true);
        return joined;
    }

    /** Writes {@code PRIVMSG <target> :bench <now> <padding>}; event loop only. */
    @Override
    public void sendTimed(byte[] target, byte[] padding, boolean flush) {
        long now = BenchClock.nanos();
        ByteBuf line = channel.alloc().buffer(40 + target.length + padding.length);
        line.writeCharSequence("PRIVMSG ", StandardCharsets.US_ASCII);
        line.writeBytes(target);
        line.writeCharSequence(" :" + MARKER + now + " ", StandardCharsets.US_ASCII);
        line.writeBytes(padding);
        line.writeByte('\r').writeByte('\n');
        unanswered.add(now);
        sinceLastPing++;
        channel.write(line, channel.voidPromise());
        if (flush) {
            flush();
        }
    }

    /**
     * Follows the PRIVMSGs written since the last PING with a PING that answers them, and flushes.
     * One PING at a time: while one is in flight, new PRIVMSGs wait for the next, sent when its PONG
     * arrives, so the server handles about one PING per round trip, not one per message.
     */
    @Override
    public void flush() {
        if (sinceLastPing > 0 && pings.isEmpty()) {
            long number = ++pingNumber;
            pings.add(new long[] {number, sinceLastPing});
            sinceLastPing = 0;
            writeLine("PING :b" + number + "\r\n", false);
        }
        channel.flush();
    }

    public void close() {
        channel.close();
    }

    // ---- called by IrcLineHandler on the event loop ----

    void timedMessage(long latencyNanos) {
        listener.delivered(latencyNanos);
    }

    /** Any other line from the server, without its CR LF. */
    void line(String line) {
        IrcLine parsed = IrcLine.parse(line);
        switch (parsed.command()) {
            case "PING" -> writeLine("PONG :" + parsed.last() + "\r\n", true);
            case "PONG" -> pong(parsed.last());
            case "001" -> {
                nick = parsed.param(0);
                registered.complete(this);
            }
            case "366" -> complete(parsed.param(1));
            case "ERROR" -> closeReason = parsed.last();
            // a PRIVMSG the server refused (not a member, rate limited): its PONG still comes
            case "404" -> listener.acked(0, false, "irc 404 " + parsed.last());
            // nick in use, bad password, channel refusals: the setup cannot go on
            case "432", "433", "436", "464", "465", "403", "405", "471", "473", "474", "475", "477" -> {
                IllegalStateException refused = new IllegalStateException(nick + ": server said " + line);
                registered.completeExceptionally(refused);
                if (parsed.params().size() > 1) {
                    CompletableFuture<Void> join = joins.get(parsed.param(1).toLowerCase(Locale.ROOT));
                    if (join != null) {
                        join.completeExceptionally(refused);
                    }
                }
            }
            default -> {
                // other numerics, JOINs of others, untimed messages: not measured
            }
        }
    }

    /**
     * The end of a names list: the client is on the channel. It may come before {@link #join} asks:
     * a server that puts an account into its rooms at registration (ours does, as a bouncer) sends
     * JOIN and 366 unasked, and ignores a later JOIN of a channel the client is on.
     */
    private void complete(String channelName) {
        if (channelName != null) {
            joins.computeIfAbsent(channelName.toLowerCase(Locale.ROOT), key -> new CompletableFuture<>()).complete(null);
        }
    }

    private void pong(String token) {
        if (token == null || !token.startsWith("b")) {
            return;
        }
        long number;
        try {
            number = Long.parseLong(token.substring(1));
        } catch (NumberFormatException e) {
            return;
        }
        long now = BenchClock.nanos();
        while (!pings.isEmpty() && pings.peek()[0] <= number) {
            long[] ping = pings.poll();
            for (long i = 0; i < ping[1] && !unanswered.isEmpty(); i++) {
                listener.acked(now - unanswered.poll(), true, null);
            }
        }
        if (pings.isEmpty() && sinceLastPing > 0) {
            flush(); // the PRIVMSGs written while that PING was in flight (a paced sender's, say)
        }
    }

    void inactive() {
        IllegalStateException closed = new IllegalStateException(
                nick + ": connection closed" + (closeReason == null ? "" : ": " + closeReason));
        registered.completeExceptionally(closed);
        joins.values().forEach(join -> join.completeExceptionally(closed));
        listener.closed(this, closeReason == null ? "closed" : closeReason);
    }

    void failed(Throwable cause) {
        registered.completeExceptionally(cause);
    }

    private void writeLine(String line, boolean flush) {
        ByteBuf buf = channel.alloc().buffer(line.length() * 3);
        buf.writeCharSequence(line, StandardCharsets.UTF_8);
        if (flush) {
            channel.writeAndFlush(buf, channel.voidPromise());
        } else {
            channel.write(buf, channel.voidPromise());
        }
    }
}

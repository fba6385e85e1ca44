package chatroom.server.irc;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.History;
import chatroom.codec.message.ListConversations;
import chatroom.codec.message.MarkRead;
import chatroom.codec.message.Ok;
import chatroom.codec.message.ErrorReply;
import chatroom.codec.message.Results.ConversationEntry;
import chatroom.codec.message.Results.ConversationsResult;
import chatroom.codec.message.Results.HistoryResult;
import chatroom.codec.message.Results.MessageRef;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * {@code draft/read-marker}: {@code MARKREAD target [timestamp=…]} on the read markers of the JSON
 * protocol (§10). IRC speaks timestamps, the store seqs: a timestamp becomes the seq of the newest
 * message sent at or before it, a seq the timestamp of its message.
 */
final class IrcReadMarkers {

    /** How many of the newest messages a timestamp is looked up in. */
    static final int LOOKUP_WINDOW = 200;

    private final IrcConnection irc;

    IrcReadMarkers(IrcConnection irc) {
        this.irc = irc;
    }

    /** {@code MARKREAD target} asks; {@code MARKREAD target timestamp=T} moves the marker. */
    void markRead(String target, String value) {
        if (target == null) {
            irc.numeric("461", "MARKREAD", "Not enough parameters");
            return;
        }
        if (value == null) {
            currentSeq(target, seq -> announce(target, seq));
            return;
        }
        long ts;
        try {
            if (!value.startsWith("timestamp=")) {
                throw new IllegalArgumentException();
            }
            ts = IrcConnection.parseTime(value.substring("timestamp=".length()));
        } catch (RuntimeException e) {
            irc.fromServer("FAIL", "MARKREAD", "INVALID_PARAMS", target, "timestamp=YYYY-MM-DDThh:mm:ss.sssZ expected");
            return;
        }
        seqAtOrBefore(target, ts, seq -> {
            if (seq == 0) {
                announce(target, 0);
                return;
            }
            irc.request(id -> new MarkRead(id, room(target), with(target), seq), reply -> {
                if (reply instanceof Ok ok && ok.result() instanceof MessageRef ref) {
                    announce(target, ref.seq());
                } else if (reply instanceof ErrorReply error) {
                    IrcErrors.reply(irc, "MARKREAD", target, error);
                }
            });
        });
    }

    /** Tells the client where the marker of {@code target} is (only with {@code draft/read-marker}). */
    void announce(String target, long seq) {
        if (!irc.has(IrcCaps.READ_MARKER)) {
            return;
        }
        if (seq <= 0) {
            irc.fromServer("MARKREAD", target, "timestamp=*");
            return;
        }
        Long known = irc.timestampOf(target, seq);
        if (known != null) {
            irc.fromServer("MARKREAD", target, "timestamp=" + IrcConnection.time(known));
            return;
        }
        irc.request(id -> new History(id, room(target), with(target), null, seq - 1, 1), reply -> {
            List<ChatMessage> found = messages(reply);
            irc.fromServer("MARKREAD", target, found.isEmpty() ? "timestamp=*"
                    : "timestamp=" + IrcConnection.time(found.get(0).ts()));
        });
    }

    /** The read marker of {@code target} now (0: none), from the conversation list. */
    void currentSeq(String target, LongConsumer then) {
        irc.request(id -> new ListConversations(id, 1000), reply -> {
            long read = 0;
            if (reply instanceof Ok ok && ok.result() instanceof ConversationsResult list) {
                for (ConversationEntry entry : list.conversations()) {
                    if (target.startsWith("#") ? target.substring(1).equals(entry.room())
                            : target.equals(entry.with())) {
                        read = entry.read();
                    }
                }
            }
            then.accept(read);
        });
    }

    /** The seq of the newest message at or before {@code ts} among the latest {@link #LOOKUP_WINDOW} (0: none). */
    void seqAtOrBefore(String target, long ts, LongConsumer then) {
        irc.request(id -> new History(id, room(target), with(target), null, null, LOOKUP_WINDOW), reply -> {
            long seq = 0;
            for (ChatMessage m : messages(reply)) {
                irc.remember(target, m.seq(), m.ts());
                if (m.ts() <= ts) {
                    seq = Math.max(seq, m.seq());
                }
            }
            then.accept(seq);
        });
    }

    static List<ChatMessage> messages(Object reply) {
        return reply instanceof Ok ok && ok.result() instanceof HistoryResult history ? history.messages() : List.of();
    }

    static String room(String target) {
        return target.startsWith("#") ? target.substring(1) : null;
    }

    static String with(String target) {
        return target.startsWith("#") ? null : target;
    }
}

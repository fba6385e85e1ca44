package chatroom.server.irc;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.ErrorReply;
import chatroom.codec.message.History;
import chatroom.codec.message.ListConversations;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Results.ConversationEntry;
import chatroom.codec.message.Results.ConversationsResult;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Stored messages for IRC clients: {@code draft/chathistory} on the JSON protocol's
 * {@code history}, and bouncer behaviour for clients without it (on JOIN the messages after the
 * read marker, after the welcome the direct messages missed while offline).
 */
final class IrcHistory {

    /** The most messages one CHATHISTORY answer holds (the {@code history} limit, §4). */
    static final int MAX_LIMIT = 200;
    /** The most messages replayed on JOIN or after the welcome to a client without chathistory. */
    static final int REPLAY_LIMIT = 50;

    private final IrcConnection irc;
    private final IrcReadMarkers markers;

    IrcHistory(IrcConnection irc) {
        this.irc = irc;
        this.markers = new IrcReadMarkers(irc);
    }

    /** After a JOIN: the read marker (read-marker clients) or the unread messages (plain clients). */
    void afterJoin(String channel, long latestSeq) {
        if (irc.has(IrcCaps.READ_MARKER)) {
            markers.currentSeq(channel, read -> markers.announce(channel, read));
        }
        if (irc.has(IrcCaps.CHATHISTORY) || latestSeq == 0) {
            return;
        }
        markers.currentSeq(channel, read -> {
            if (read < latestSeq) {
                replay(channel, read, latestSeq);
            }
        });
    }

    /** After the welcome: each direct conversation's messages after its read marker. */
    void replayDirectMessages() {
        irc.request(id -> new ListConversations(id, 1000), reply -> {
            if (reply instanceof Ok ok && ok.result() instanceof ConversationsResult list) {
                for (ConversationEntry entry : list.conversations()) {
                    if (entry.with() != null && entry.unread() > 0) {
                        replay(entry.with(), entry.read(), entry.seq());
                    }
                }
            }
        });
    }

    /**
     * The newest {@link #REPLAY_LIMIT} messages of {@code target} after {@code read} up to {@code upTo}
     * (the latest when the replay began: later ones arrive live), oldest first.
     */
    private void replay(String target, long read, long upTo) {
        irc.request(id -> new History(id, IrcReadMarkers.room(target), IrcReadMarkers.with(target), upTo + 1, null,
                REPLAY_LIMIT), reply -> {
                    for (ChatMessage m : IrcReadMarkers.messages(reply)) {
                        if (m.seq() > read) {
                            irc.chatMessage(m, "PRIVMSG", null);
                        }
                    }
                });
    }

    /** {@code CHATHISTORY LATEST|BEFORE|AFTER|AROUND|BETWEEN target ref [ref] limit} and {@code TARGETS}. */
    void chathistory(IrcMessage m) {
        String sub = m.param(0) == null ? "" : m.param(0).toUpperCase(java.util.Locale.ROOT);
        if (sub.equals("TARGETS")) {
            targets(m);
            return;
        }
        boolean between = sub.equals("BETWEEN");
        if (m.params().size() < (between ? 5 : 4)) {
            irc.numeric("461", "CHATHISTORY", "Not enough parameters");
            return;
        }
        String target = m.param(1);
        int limit;
        try {
            limit = Math.min(MAX_LIMIT, Integer.parseInt(m.param(between ? 4 : 3)));
        } catch (NumberFormatException e) {
            fail(sub, target, "limit must be a number");
            return;
        }
        if (limit < 1) {
            fail(sub, target, "limit must be at least 1");
            return;
        }
        String ref = m.param(2);
        switch (sub) {
            case "LATEST" -> {
                if (ref.equals("*")) {
                    answer(target, null, null, limit, false);
                } else {
                    resolve(target, ref, true, seq -> answer(target, null, seq, limit, true));
                }
            }
            case "BEFORE" -> resolve(target, ref, false, seq -> answer(target, seq, null, limit, false));
            case "AFTER" -> resolve(target, ref, true, seq -> answer(target, null, seq, limit, false));
            case "AROUND" -> resolve(target, ref, true,
                    seq -> answer(target, null, Math.max(0, seq - limit / 2 - 1), limit, false));
            case "BETWEEN" -> resolve(target, ref, true, from -> resolve(target, m.param(3), false,
                    to -> answer(target, Math.max(from, to), Math.min(from, to), limit, false)));
            default -> fail(sub, target, "unknown subcommand");
        }
    }

    /**
     * Turns a reference into a seq: {@code msgid=conversation/seq} exactly, {@code timestamp=T} as
     * the newest message at or before T ({@code after}) or the oldest at or after it.
     */
    private void resolve(String target, String ref, boolean after, LongConsumer then) {
        if (ref.startsWith("msgid=")) {
            String id = ref.substring("msgid=".length());
            try {
                then.accept(Long.parseLong(id.substring(id.lastIndexOf('/') + 1)));
            } catch (NumberFormatException e) {
                fail("CHATHISTORY", target, "unknown msgid");
            }
        } else if (ref.startsWith("timestamp=")) {
            long ts;
            try {
                ts = IrcConnection.parseTime(ref.substring("timestamp=".length()));
            } catch (RuntimeException e) {
                fail("CHATHISTORY", target, "bad timestamp");
                return;
            }
            markers.seqAtOrBefore(target, after ? ts : ts - 1, seq -> then.accept(after ? seq : seq + 1));
        } else {
            fail("CHATHISTORY", target, "a reference is msgid=… or timestamp=…");
        }
    }

    /** One {@code history} request, written as a {@code chathistory} batch. */
    private void answer(String target, Long before, Long after, int limit, boolean newestAfter) {
        Long from = newestAfter ? null : after;
        irc.request(id -> new History(id, IrcReadMarkers.room(target), IrcReadMarkers.with(target), before, from,
                limit), reply -> {
                    if (reply instanceof ErrorReply error) {
                        IrcErrors.reply(irc, "CHATHISTORY", target, error);
                        return;
                    }
                    String batch = irc.startBatch("chathistory", target);
                    List<ChatMessage> messages = IrcReadMarkers.messages(reply);
                    for (ChatMessage message : messages) {
                        if (!newestAfter || message.seq() > after) {
                            irc.chatMessage(message, "PRIVMSG", batch);
                        }
                    }
                    irc.endBatch(batch);
                });
    }

    private void targets(IrcMessage m) {
        irc.request(id -> new ListConversations(id, MAX_LIMIT), reply -> {
            String batch = irc.startBatch("draft/chathistory-targets");
            if (reply instanceof Ok ok && ok.result() instanceof ConversationsResult list) {
                for (ConversationEntry entry : list.conversations()) {
                    if (entry.last() != null) {
                        String target = entry.room() != null ? "#" + entry.room() : entry.with();
                        irc.send(new IrcMessage(batch == null ? java.util.Map.of() : java.util.Map.of("batch", batch),
                                IrcConnection.SERVER, "CHATHISTORY",
                                List.of("TARGETS", target, IrcConnection.time(entry.last().ts()))));
                    }
                }
            }
            irc.endBatch(batch);
        });
    }

    private void fail(String sub, String target, String text) {
        irc.fromServer("FAIL", "CHATHISTORY", "INVALID_PARAMS", sub, target == null ? "*" : target, text);
    }
}

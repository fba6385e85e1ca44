package chatroom.server.command;

import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.History;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Results.HistoryResult;
import chatroom.codec.message.Results.SendResult;
import chatroom.codec.message.Send;
import chatroom.server.bot.RoomBot;
import chatroom.server.room.Broadcaster;
import chatroom.server.room.Mentions;
import chatroom.server.room.Room;
import chatroom.server.session.Session;
import chatroom.server.store.Conversation;
import chatroom.server.store.NewMessage;
import chatroom.server.store.UserRecord;
import java.util.concurrent.CompletionStage;

/** {@code send} to a room or a user, and {@code history}. */
public final class MessageCommands {

    /** Longest message text, in characters. */
    public static final int MAX_TEXT_LENGTH = 4000;
    /** Longest client message id. */
    public static final int MAX_CID_LENGTH = 64;
    public static final int DEFAULT_HISTORY_LIMIT = 50;
    public static final int MAX_HISTORY_LIMIT = 200;

    private final ServerContext context;

    public MessageCommands(ServerContext context) {
        this.context = context;
    }

    /** A message text of 1 to {@link #MAX_TEXT_LENGTH} characters, or {@code bad_request}. */
    static String checkedText(String text) {
        Checks.required(text, "text");
        int length = Checks.length(text);
        if (length < 1 || length > MAX_TEXT_LENGTH) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "text has 1 to " + MAX_TEXT_LENGTH + " characters");
        }
        return text;
    }

    public CompletionStage<Reply> send(Session session, Send request) {
        String text = checkedText(request.text());
        if (request.cid() != null && (request.cid().isEmpty() || request.cid().length() > MAX_CID_LENGTH)) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "cid has 1 to " + MAX_CID_LENGTH + " characters");
        }
        if ((request.room() == null) == (request.to() == null)) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "send needs either 'room' or 'to'");
        }
        if (request.room() != null) {
            Room room = Checks.memberRoom(context, session, request.room());
            long mutedUntil = room.mutedUntil(session.userKey(), context.now());
            if (mutedUntil != 0) {
                throw new RequestException(ErrorCode.MUTED, "you are muted in '" + room.name() + "'"
                        + (mutedUntil == Long.MAX_VALUE ? "" : " until " + java.time.Instant.ofEpochMilli(mutedUntil)));
            }
            NewMessage message = new NewMessage(room.conversation(), context.now(), session.user(), null, text,
                    request.cid(), Mentions.in(text, room));
            return context.store().append(message).thenApply(result -> {
                if (context.bot() != null && !result.duplicate() && RoomBot.mentions(text)) {
                    context.bot().mentioned(room, result.message());
                }
                return new Ok(request.id(), new SendResult(room.name(), null, result.message().seq(),
                        result.message().ts()));
            });
        }
        return recipient(request.to(), "to").thenCompose(to -> {
            NewMessage message = new NewMessage(Conversation.direct(session.accountId(), to.id()), context.now(),
                    session.user(), to.name(), text, request.cid());
            return context.store().append(message).thenApply(result -> (Reply) new Ok(request.id(),
                    new SendResult(null, to.name(), result.message().seq(), result.message().ts())));
        });
    }

    public CompletionStage<Reply> history(Session session, History request) {
        Checks.notNegative(request.before(), "before");
        Checks.notNegative(request.after(), "after");
        int limit = request.limit() == null ? DEFAULT_HISTORY_LIMIT : request.limit();
        if (limit < 1) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "limit must be at least 1");
        }
        int bounded = Math.min(limit, MAX_HISTORY_LIMIT);
        if ((request.room() == null) == (request.with() == null)) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "history needs either 'room' or 'with'");
        }
        if (request.room() != null) {
            Room room = Checks.memberRoom(context, session, request.room());
            return context.store().history(room.conversation(), request.before(), request.after(), bounded)
                    .thenApply(messages -> new Ok(request.id(), new HistoryResult(room.name(), null,
                            messages.stream().map(m -> Broadcaster.toRoomEvent(room, m)).toList())));
        }
        return partner(request.with()).thenCompose(other ->
                context.store().history(Conversation.direct(session.accountId(), other.id()), request.before(),
                                request.after(), bounded)
                        .thenApply(messages -> (Reply) new Ok(request.id(), new HistoryResult(null, other.name(),
                                messages.stream().map(m -> Broadcaster.toDirectEvent(m, other.name())).toList()))));
    }

    /**
     * The other party of a direct conversation to read: a deleted account too, so that its partners
     * keep their conversations (only theirs: the key is the pair of account ids).
     */
    private CompletionStage<UserRecord> partner(String name) {
        Checks.required(name, "with");
        return context.store().findAccount(name).thenApply(found -> found.orElseThrow(() ->
                new RequestException(ErrorCode.NO_SUCH_USER, "no user '" + name + "'")));
    }

    private CompletionStage<UserRecord> recipient(String name, String field) {
        Checks.required(name, field);
        return context.store().findUser(name).thenApply(found -> found.orElseThrow(() ->
                new RequestException(ErrorCode.NO_SUCH_USER, "no user '" + name + "'")));
    }
}

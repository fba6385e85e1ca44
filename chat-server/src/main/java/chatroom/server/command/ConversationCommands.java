package chatroom.server.command;

import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.DeleteMessage;
import chatroom.codec.message.EditMessage;
import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.ListConversations;
import chatroom.codec.message.MarkRead;
import chatroom.codec.message.Ok;
import chatroom.codec.message.ReadMarked;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Results.ConversationEntry;
import chatroom.codec.message.Results.ConversationsResult;
import chatroom.codec.message.Results.MessageRef;
import chatroom.codec.message.Results.SearchResult;
import chatroom.codec.message.Search;
import chatroom.server.cluster.ClusterEvent;
import chatroom.server.room.Broadcaster;
import chatroom.server.room.Mentions;
import chatroom.server.room.Room;
import chatroom.server.session.Session;
import chatroom.server.store.ConversationSummary;
import chatroom.server.store.Conversation;
import chatroom.server.store.MessageChange;
import chatroom.server.store.MessageStore;
import chatroom.server.store.Names;
import chatroom.server.store.SearchQuery;
import chatroom.server.store.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Protocol section 10, never miss a message: {@code read}, {@code conversations}, {@code edit},
 * {@code delete} and {@code search}. Counts and search come from the store's indexes; events go
 * through {@code NodeEvents}, so they reach every node of a cluster.
 */
public final class ConversationCommands {

    public static final int DEFAULT_CONVERSATIONS_LIMIT = 100;
    public static final int MAX_CONVERSATIONS_LIMIT = 1000;
    public static final int DEFAULT_SEARCH_LIMIT = 20;
    public static final int MAX_SEARCH_LIMIT = 50;
    /** Longest search query, in characters: a query is text, never longer than a message. */
    public static final int MAX_QUERY_LENGTH = MessageCommands.MAX_TEXT_LENGTH;

    private final ServerContext context;
    private final MessageStore messages;

    public ConversationCommands(ServerContext context) {
        this.context = context;
        this.messages = context.store();
    }

    /** Where a request points: a room the user is a member of, or the direct conversation with a user. */
    private record Target(Room room, String with, Conversation conversation) {

        /** The event form of a stored message of this conversation. */
        ChatMessage event(StoredMessage message) {
            return room != null ? Broadcaster.toRoomEvent(room, message) : Broadcaster.toDirectEvent(message, with);
        }
    }

    /** Resolves {@code room | with}: exactly one; the room must be one the user is a member of. */
    private CompletionStage<Target> target(Session session, String room, String with, String request) {
        if ((room == null) == (with == null)) {
            throw new RequestException(ErrorCode.BAD_REQUEST, request + " needs either 'room' or 'with'");
        }
        if (room != null) {
            Room member = Checks.memberRoom(context, session, room);
            return CompletableFuture.completedFuture(
                    new Target(member, null, member.conversation()));
        }
        return Checks.existingUser(context, with).thenApply(other -> new Target(null, other.name(),
                Conversation.direct(session.accountId(), other.id())));
    }

    private static long seq(Long seq) {
        if (seq == null) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "missing field 'seq'");
        }
        if (seq < 0) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "'seq' must not be negative");
        }
        return seq;
    }

    /** {@code read}: moves the marker forward; the user's other sessions, on every node, hear it. */
    public CompletionStage<Reply> read(Session session, MarkRead request) {
        long seq = seq(request.seq());
        return target(session, request.room(), request.with(), "read").thenCompose(target ->
                messages.markRead(session.userKey(), target.conversation(), seq).thenApplyAsync(marker -> {
                    String room = target.room() == null ? null : target.room().name();
                    if (marker.moved()) {
                        ReadMarked event = new ReadMarked(room, target.with(), marker.seq());
                        for (Session other : context.sessions().sessionsOf(session.userKey())) {
                            if (other != session) {
                                other.send(event);
                            }
                        }
                        context.events().cluster().publish(new ClusterEvent.ReadMoved(session.user(), room,
                                target.with(), marker.seq()));
                    }
                    return (Reply) new Ok(request.id(), new MessageRef(room, target.with(), marker.seq()));
                }, session.eventLoop()));
    }

    /** {@code conversations}: rooms and direct conversations, most recent activity first, with counts. */
    public CompletionStage<Reply> conversations(Session session, ListConversations request) {
        int limit = limit(request.limit(), DEFAULT_CONVERSATIONS_LIMIT, MAX_CONVERSATIONS_LIMIT);
        return messages.conversations(session.userKey(), limit).thenApply(page -> {
            List<ConversationEntry> entries = new ArrayList<>(page.conversations().size());
            for (ConversationSummary summary : page.conversations()) {
                entries.add(entry(summary));
            }
            return new Ok(request.id(), new ConversationsResult(entries, page.more()));
        });
    }

    private static ConversationEntry entry(ConversationSummary s) {
        ChatMessage last = null;
        if (s.last() != null) {
            last = s.room() != null ? Broadcaster.toRoomEvent(s.room(), s.last())
                    : Broadcaster.toDirectEvent(s.last(), s.peer());
        }
        return new ConversationEntry(s.room(), s.peer(), s.seq(), s.read(), s.unread(), s.mentions(), last);
    }

    /** {@code edit}: the author's new text; every member's sessions hear {@code edited}. */
    public CompletionStage<Reply> edit(Session session, EditMessage request) {
        long seq = seq(request.seq());
        String text = MessageCommands.checkedText(request.text());
        return target(session, request.room(), request.with(), "edit").thenCompose(target -> {
            List<String> mentions = target.room() == null ? List.of() : Mentions.in(text, target.room());
            return messages.edit(target.conversation(), seq, session.userKey(), text, mentions, context.now())
                    .thenApplyAsync(change -> changed(session, request.id(), target, change, null), session.eventLoop());
        });
    }

    /** {@code delete}: by the author, the room's owner or an admin; every member's sessions hear {@code deleted}. */
    public CompletionStage<Reply> delete(Session session, DeleteMessage request) {
        long seq = seq(request.seq());
        return target(session, request.room(), request.with(), "delete").thenCompose(target -> {
            boolean mayDeleteAnyones = session.isAdmin()
                    || (target.room() != null && target.room().isOwner(session.userKey()));
            return messages.delete(target.conversation(), seq, session.userKey(), mayDeleteAnyones)
                    .thenApplyAsync(change -> changed(session, request.id(), target, change, session.user()),
                            session.eventLoop());
        });
    }

    /** Announces a change that happened (not a repeat) to every node, and answers. */
    private Reply changed(Session session, Object id, Target target, MessageChange change, String deletedBy) {
        StoredMessage m = change.message();
        if (change.changed()) {
            // the two parties of a direct conversation by their names now: the user asking is one of them
            context.events().publish(new ClusterEvent.MessageChanged(
                    target.room() == null ? null : target.room().name(), session.user(), target.with(), m.seq(),
                    deletedBy == null ? m.text() : null, m.editedTs(), deletedBy));
        }
        return new Ok(id, new MessageRef(target.room() == null ? null : target.room().name(), target.with(),
                m.seq()));
    }

    /** {@code search}: newest first over the rooms the user is a member of now and its direct conversations. */
    public CompletionStage<Reply> search(Session session, Search request) {
        String q = Checks.required(request.q(), "q").strip();
        int length = Checks.length(q);
        if (length < 1 || length > MAX_QUERY_LENGTH) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "q has 1 to " + MAX_QUERY_LENGTH + " characters");
        }
        if (q.indexOf('\u0000') >= 0) { // a full-text query string ends there (SQLite), PostgreSQL refuses it in text
            throw new RequestException(ErrorCode.BAD_REQUEST, "q must not contain U+0000");
        }
        Checks.notNegative(request.before(), "before");
        int limit = limit(request.limit(), DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT);
        if (request.room() != null && request.with() != null) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "search takes 'room' or 'with', not both");
        }
        CompletionStage<Target> scope = request.room() == null && request.with() == null
                ? CompletableFuture.completedFuture(null)
                : target(session, request.room(), request.with(), "search");
        return scope.thenCompose(target -> messages.search(new SearchQuery(session.userKey(),
                        target == null ? null : target.conversation(), q, request.before(), limit,
                        context.config().searchShortWindow()))
                .thenApply(found -> {
                    List<ChatMessage> hits = new ArrayList<>();
                    for (StoredMessage m : found.subList(0, Math.min(limit, found.size()))) {
                        ChatMessage hit = target != null ? target.event(m) : hit(session, m);
                        if (hit != null) {
                            hits.add(hit);
                        }
                    }
                    return (Reply) new Ok(request.id(), new SearchResult(hits, found.size() > limit));
                }));
    }

    /** A hit in the form its conversation's events have, or null for a room this node no longer knows. */
    private ChatMessage hit(Session session, StoredMessage m) {
        if (m.conversation().isRoom()) {
            Room room = context.rooms().findByConversation(m.conversation().key());
            return room == null ? null : Broadcaster.toRoomEvent(room, m);
        }
        String otherParty = Names.key(m.from()).equals(session.userKey()) ? m.to() : m.from();
        return Broadcaster.toDirectEvent(m, otherParty);
    }

    private static int limit(Integer requested, int byDefault, int max) {
        int limit = requested == null ? byDefault : requested;
        if (limit < 1) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "limit must be at least 1");
        }
        return Math.min(limit, max);
    }
}

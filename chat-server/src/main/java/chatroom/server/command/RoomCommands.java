package chatroom.server.command;

import chatroom.common.Futures;
import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.Invite;
import chatroom.codec.message.Join;
import chatroom.codec.message.Leave;
import chatroom.codec.message.ListMembers;
import chatroom.codec.message.ListRooms;
import chatroom.codec.message.ListUsers;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Results.JoinResult;
import chatroom.codec.message.Results.MemberStatus;
import chatroom.codec.message.Results.MembersResult;
import chatroom.codec.message.Results.RoomSummary;
import chatroom.codec.message.Results.RoomsResult;
import chatroom.codec.message.Results.UsersResult;
import chatroom.codec.message.SetTopic;
import chatroom.server.cluster.ClusterEvent;
import chatroom.server.room.Room;
import chatroom.server.room.RoomReplay;
import chatroom.server.session.Session;
import chatroom.server.store.Names;
import chatroom.server.store.RoomExistsException;
import chatroom.server.store.UserRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** {@code join} (with resume), {@code leave}, {@code rooms}, {@code members}, {@code users}, {@code topic}. */
public final class RoomCommands {

    /** Most entries in a {@code rooms} or {@code members} answer. */
    public static final int MAX_LISTED = 1000;
    /** Longest topic, in characters. */
    public static final int MAX_TOPIC_LENGTH = 512;
    /** How often, and how many times, a join waits for a room another node just created to be known here. */
    private static final int CREATED_ELSEWHERE_CHECKS = 40;
    private static final long CREATED_ELSEWHERE_CHECK_MS = 50;

    private final ServerContext context;

    public RoomCommands(ServerContext context) {
        this.context = context;
    }

    public CompletionStage<Reply> join(Session session, Join request) {
        Room lookAlike = Checks.lookAlikeRoom(context, request.room());
        String name = lookAlike != null ? lookAlike.name() : Checks.roomName(request.room());
        Checks.notNegative(request.since(), "since");
        Room room = context.rooms().find(name);
        if (room == null) {
            boolean privateRoom = Boolean.TRUE.equals(request.privateRoom());
            return context.store().createRoom(name, session.user(), privateRoom, context.now())
                    .handleAsync((record, error) -> {
                        if (error != null) {
                            if (Futures.unwrap(error) instanceof RoomExistsException) {
                                return joinCreatedElsewhere(session, request, CREATED_ELSEWHERE_CHECKS);
                            }
                            throw AccountCommands.asCompletion(error);
                        }
                        return context.events().publish(new ClusterEvent.RoomCreated(record.name(), record.owner(),
                                        record.privateRoom(), record.createdTs()))
                                .thenComposeAsync(created -> joined(session, request,
                                        context.rooms().find(record.name()), true), session.eventLoop());
                    }, session.eventLoop())
                    .thenCompose(stage -> stage);
        }
        if (room.isMember(session.userKey())) {
            return joined(session, request, room, false);
        }
        if (room.isPrivate()) {
            throw new RequestException(ErrorCode.FORBIDDEN, "'" + room.name() + "' is private: ask for an invitation");
        }
        return context.store().addMember(room.name(), session.user())
                .thenComposeAsync(done -> joined(session, request, room, true), session.eventLoop());
    }

    /**
     * The room was created by someone else just now, on this node or (in a cluster) on another one
     * whose event may still be on its way: join it once this node knows it.
     */
    private CompletionStage<Reply> joinCreatedElsewhere(Session session, Join request, int checksLeft) {
        if (context.rooms().find(request.room()) != null) {
            return join(session, request);
        }
        if (checksLeft == 0) {
            throw new RequestException(ErrorCode.INTERNAL, "the room '" + request.room()
                    + "' was just created elsewhere and this server has not heard of it yet: try again");
        }
        CompletableFuture<Void> waited = new CompletableFuture<>();
        session.eventLoop().schedule(() -> waited.complete(null), CREATED_ELSEWHERE_CHECK_MS,
                TimeUnit.MILLISECONDS);
        return waited.thenCompose(done -> joinCreatedElsewhere(session, request, checksLeft - 1));
    }

    /**
     * {@code invite}: any member may add a user to a public room; only the owner to a private one.
     * The new member's sessions start getting the room's messages, and everyone, the new member
     * included, gets {@code presence join}.
     */
    public CompletionStage<Reply> invite(Session session, Invite request) {
        Room room = Checks.memberRoom(context, session, request.room());
        String target = Checks.required(request.user(), "user");
        if (room.isPrivate() && !room.isOwner(session.userKey())) {
            throw new RequestException(ErrorCode.FORBIDDEN, "only the owner may invite to the private room '"
                    + room.name() + "'");
        }
        return context.store().findUser(target).thenCompose(found -> {
            UserRecord user = found.orElseThrow(() -> new RequestException(ErrorCode.NO_SUCH_USER,
                    "no user '" + target + "'"));
            if (room.isMember(Names.key(user.name()))) {
                return CompletableFuture.completedFuture((Reply) Ok.of(request.id()));
            }
            // the seq before the membership: what is stored after it reaches the new member, even
            // what a node fans out before it hears of the invitation (NodeEvents replays it)
            return context.store().latestSeq(room.conversation())
                    .thenCompose(since -> context.store().addMember(room.name(), user.name())
                            .thenCompose(done -> context.events().publish(
                                    new ClusterEvent.MemberAdded(room.name(), user.name(), true, true, since))))
                    .thenApplyAsync(added -> (Reply) Ok.of(request.id()), session.eventLoop());
        });
    }

    /**
     * The membership is stored; on the event loop. With {@code since}, live messages are held
     * before this session can receive them, the reply goes out, then the missed messages from the
     * store, then the held live ones (duplicates dropped).
     */
    private CompletionStage<Reply> joined(Session session, Join request, Room room, boolean newMember) {
        String conversation = room.conversation().key();
        if (request.since() != null) {
            session.hold(conversation);
        }
        // in a cluster, this node receives the room's messages before the reply names its seq
        CompletableFuture<Void> ready = context.events().attach(room);
        if (!newMember) {
            return ready.isDone() ? reply(session, request, room)
                    : ready.thenComposeAsync(attached -> reply(session, request, room), session.eventLoop());
        }
        // the reply counts the new member: it goes out once this node applied the event
        return ready.thenCompose(attached -> context.events().publish(
                        new ClusterEvent.MemberAdded(room.name(), session.user(), true, false)))
                .thenComposeAsync(added -> reply(session, request, room), session.eventLoop());
    }

    /** The join's reply, then (with {@code since}) the missed messages; on the event loop. */
    private CompletionStage<Reply> reply(Session session, Join request, Room room) {
        String conversation = room.conversation().key();
        Ok ok = new Ok(request.id(), new JoinResult(room.name(), room.topic(), room.memberCount(), room.latestSeq()));
        session.send(ok);
        if (request.since() == null) {
            session.releaseLoginHold(conversation);
            return CompletableFuture.completedFuture(null);
        }
        return RoomReplay.after(context.store(), session, room, request.since()).thenApply(done -> null);
    }

    public CompletionStage<Reply> leave(Session session, Leave request) {
        Room room = Checks.memberRoom(context, session, request.room());
        return context.store().removeMember(room.name(), session.user())
                .thenCompose(done -> context.events().publish(
                        new ClusterEvent.MemberRemoved(room.name(), session.user(), null, null)))
                .thenApplyAsync(removed -> Ok.of(request.id()), session.eventLoop());
    }

    public Reply rooms(Session session, ListRooms request) {
        List<RoomSummary> rooms = context.rooms().all().stream()
                .filter(room -> !room.isPrivate() || room.isMember(session.userKey()))
                .sorted(Comparator.comparingInt(Room::memberCount).reversed().thenComparing(Room::key))
                .limit(MAX_LISTED)
                .map(room -> new RoomSummary(room.name(), room.memberCount(), room.topic()))
                .toList();
        return new Ok(request.id(), new RoomsResult(rooms));
    }

    public Reply members(Session session, ListMembers request) {
        Room room = Checks.memberRoom(context, session, request.room());
        List<MemberStatus> online = new ArrayList<>();
        List<MemberStatus> offline = new ArrayList<>();
        for (String key : room.memberKeys()) {
            String name = room.memberName(key);
            if (name == null) {
                continue;
            }
            if (context.events().isOnline(key)) {
                online.add(new MemberStatus(name, true));
            } else if (online.size() + offline.size() < MAX_LISTED) {
                offline.add(new MemberStatus(name, false));
            }
        }
        Comparator<MemberStatus> byName = Comparator.comparing(MemberStatus::user, String.CASE_INSENSITIVE_ORDER);
        online.sort(byName);
        offline.sort(byName);
        List<MemberStatus> listed = new ArrayList<>(online);
        listed.addAll(offline);
        boolean more = room.memberCount() > MAX_LISTED;
        return new Ok(request.id(), new MembersResult(room.name(),
                listed.size() > MAX_LISTED ? listed.subList(0, MAX_LISTED) : listed, more));
    }

    public Reply users(Session session, ListUsers request) {
        List<String> users = context.events().onlineUsers();
        users.sort(String.CASE_INSENSITIVE_ORDER);
        return new Ok(request.id(), new UsersResult(users));
    }

    public CompletionStage<Reply> topic(Session session, SetTopic request) {
        Room room = Checks.memberRoom(context, session, request.room());
        String topic = Checks.required(request.topic(), "topic");
        if (Checks.length(topic) > MAX_TOPIC_LENGTH) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "topics have at most " + MAX_TOPIC_LENGTH + " characters");
        }
        return context.store().setTopic(room.name(), topic)
                .thenApplyAsync(done -> {
                    context.events().publish(new ClusterEvent.TopicSet(room.name(), topic, session.user()));
                    return Ok.of(request.id());
                }, session.eventLoop());
    }
}

package chatroom.server.command;

import chatroom.codec.message.Unmute;
import chatroom.codec.message.Mute;
import chatroom.codec.message.Ban;
import chatroom.codec.message.Bye;
import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.Kick;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Unban;
import chatroom.server.audit.Audit;
import chatroom.server.cluster.ClusterEvent;
import chatroom.server.room.Room;
import chatroom.server.session.Session;
import chatroom.server.store.Names;
import java.util.concurrent.CompletionStage;

/** {@code kick}, {@code mute} and {@code unmute} (room owner or admin), {@code ban} and {@code unban} (admin). */
public final class ModerationCommands {

    /** Longest timed mute: 30 days (longer ones are "until unmuted"). */
    static final long MAX_MUTE_SECONDS = 30L * 24 * 3600;

    private final ServerContext context;

    public ModerationCommands(ServerContext context) {
        this.context = context;
    }

    public CompletionStage<Reply> kick(Session session, Kick request) {
        Room room = Checks.existingRoom(context, request.room());
        String target = Checks.required(request.user(), "user");
        if (!session.isAdmin() && !room.isOwner(session.userKey())) {
            throw new RequestException(ErrorCode.FORBIDDEN, "only the owner of '" + room.name() + "' or an admin may kick");
        }
        String targetKey = Names.key(target);
        String targetName = room.memberName(targetKey);
        if (targetName == null) {
            throw new RequestException(ErrorCode.NOT_MEMBER, "'" + target + "' is not a member of '" + room.name() + "'");
        }
        String reason = request.reason() == null ? "" : request.reason();
        return context.store().removeMember(room.name(), targetName)
                .thenApplyAsync(done -> {
                    context.events().publish(new ClusterEvent.MemberRemoved(room.name(), targetName, session.user(), reason));
                    Audit.kicked(session, room.name(), targetName);
                    return Ok.of(request.id());
                }, session.eventLoop());
    }

    /** {@code mute}: the room's owner or an admin; the muted member is told and its sends are refused until it ends. */
    public CompletionStage<Reply> mute(Session session, Mute request) {
        Room room = Checks.existingRoom(context, request.room());
        String targetKey = moderatedMember(session, room, request.user());
        if (request.seconds() != null && (request.seconds() < 1 || request.seconds() > MAX_MUTE_SECONDS)) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "'seconds' is 1 to " + MAX_MUTE_SECONDS);
        }
        Long until = request.seconds() == null ? null : context.now() + request.seconds() * 1000;
        return context.store().setMute(room.name(), room.memberName(targetKey), until == null ? 0 : until)
                .thenApplyAsync(done -> {
                    context.events().publish(new ClusterEvent.MuteSet(room.name(), room.memberName(targetKey), until,
                            session.user()));
                    Audit.muted(session, room.name(), room.memberName(targetKey), request.seconds());
                    return Ok.of(request.id());
                }, session.eventLoop());
    }

    public CompletionStage<Reply> unmute(Session session, Unmute request) {
        Room room = Checks.existingRoom(context, request.room());
        String targetKey = moderatedMember(session, room, request.user());
        return context.store().removeMute(room.name(), room.memberName(targetKey))
                .thenApplyAsync(done -> {
                    context.events().publish(new ClusterEvent.MuteLifted(room.name(), room.memberName(targetKey),
                            session.user()));
                    Audit.unmuted(session, room.name(), room.memberName(targetKey));
                    return Ok.of(request.id());
                }, session.eventLoop());
    }

    /** Checks that the session may moderate the room and the user is a member; returns the user's key. */
    private static String moderatedMember(Session session, Room room, String user) {
        String target = Checks.required(user, "user");
        if (!session.isAdmin() && !room.isOwner(session.userKey())) {
            throw new RequestException(ErrorCode.FORBIDDEN, "only the owner of '" + room.name() + "' or an admin may do that");
        }
        String targetKey = Names.key(target);
        if (room.memberName(targetKey) == null) {
            throw new RequestException(ErrorCode.NOT_MEMBER, "'" + target + "' is not a member of '" + room.name() + "'");
        }
        return targetKey;
    }

    public CompletionStage<Reply> ban(Session session, Ban request) {
        AdminCommands.requireAdmin(session);
        return Checks.existingUser(context, request.user()).thenCompose(user -> context.store().setBanned(user.name(), true)
                .thenCompose(done -> context.store().deleteTokensOf(user.name()))
                .thenApplyAsync(done -> {
                    context.events().publish(new ClusterEvent.SessionsEnded(user.name(), Bye.BANNED, null));
                    Audit.banned(session, user.name());
                    return Ok.of(request.id());
                }, session.eventLoop()));
    }

    public CompletionStage<Reply> unban(Session session, Unban request) {
        AdminCommands.requireAdmin(session);
        return Checks.existingUser(context, request.user()).thenCompose(user -> context.store()
                .setBanned(user.name(), false).thenApply(done -> {
                    Audit.unbanned(session, user.name());
                    return Ok.of(request.id());
                }));
    }
}

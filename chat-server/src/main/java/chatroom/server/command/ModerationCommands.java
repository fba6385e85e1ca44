package chatroom.server.command;

import chatroom.codec.message.Ban;
import chatroom.codec.message.Bye;
import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.Kick;
import chatroom.codec.message.Kicked;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Presence;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Unban;
import chatroom.server.room.Room;
import chatroom.server.session.Session;
import chatroom.server.store.Names;
import chatroom.server.store.UserRecord;
import java.util.concurrent.CompletionStage;

/** {@code kick} (room owner or admin), {@code ban} and {@code unban} (admin). */
public final class ModerationCommands {

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
                    if (context.rooms().removeMember(room, targetKey)) {
                        context.broadcaster().toUser(targetKey, new Kicked(room.name(), session.user(), reason));
                        context.broadcaster().toRoom(room, new Presence(room.name(), targetName, Presence.LEAVE), targetKey);
                    }
                    return Ok.of(request.id());
                }, session.eventLoop());
    }

    public CompletionStage<Reply> ban(Session session, Ban request) {
        requireAdmin(session);
        return user(request.user()).thenCompose(user -> context.store().setBanned(user.name(), true)
                .thenCompose(done -> context.store().deleteTokensOf(user.name()))
                .thenApplyAsync(done -> {
                    for (Session banned : context.sessions().sessionsOf(Names.key(user.name()))) {
                        banned.close(Bye.BANNED);
                    }
                    return Ok.of(request.id());
                }, session.eventLoop()));
    }

    public CompletionStage<Reply> unban(Session session, Unban request) {
        requireAdmin(session);
        return user(request.user()).thenCompose(user -> context.store().setBanned(user.name(), false)
                .thenApply(done -> Ok.of(request.id())));
    }

    private void requireAdmin(Session session) {
        if (!session.isAdmin()) {
            throw new RequestException(ErrorCode.FORBIDDEN, "only an admin may do that");
        }
    }

    private CompletionStage<UserRecord> user(String name) {
        Checks.required(name, "user");
        return context.store().findUser(name).thenApply(found -> found.orElseThrow(() ->
                new RequestException(ErrorCode.NO_SUCH_USER, "no user '" + name + "'")));
    }
}

package chatroom.server.command;

import chatroom.common.Futures;
import chatroom.codec.message.Bye;
import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Reply;
import chatroom.codec.message.RoomDelete;
import chatroom.codec.message.RoomRename;
import chatroom.codec.message.UserDelete;
import chatroom.codec.message.UserRename;
import chatroom.codec.message.UserReset;
import chatroom.server.audit.Audit;
import chatroom.server.cluster.ClusterEvent;
import chatroom.server.room.Room;
import chatroom.server.session.Session;
import chatroom.server.store.ChatStore;
import chatroom.server.store.LastAdminException;
import chatroom.server.store.Names;
import chatroom.server.store.RoomExistsException;
import chatroom.server.store.UserExistsException;
import java.util.concurrent.CompletionStage;

/**
 * What server admins may do to accounts and rooms: {@code user_delete}, {@code user_rename},
 * {@code user_reset}, {@code admin_grant}, {@code admin_revoke}, {@code room_delete},
 * {@code room_rename}. Stored messages are never deleted: a deleted user's messages stay under their
 * name (its account stays as a tombstone), a deleted room's messages are kept detached from any room,
 * and renames carry messages and files along.
 */
public final class AdminCommands {

    private final ServerContext context;

    public AdminCommands(ServerContext context) {
        this.context = context;
    }

    public CompletionStage<Reply> deleteUser(Session session, UserDelete request) {
        requireAdmin(session);
        return Checks.existingUser(context, request.user()).thenCompose(user -> context.store().deleteUser(user.name())
                .handleAsync((done, error) -> {
                    throwIfFailed(error);
                    context.events().publish(new ClusterEvent.UserDeleted(user.name()));
                    Audit.userDeleted(session, user.name());
                    return (Reply) Ok.of(request.id());
                }, session.eventLoop()));
    }

    /**
     * {@code admin_grant} / {@code admin_revoke}: admin rights are a flag on the account, so they
     * follow it through renames; its sessions, on every node, have them or lose them at once.
     */
    public CompletionStage<Reply> setAdmin(Session session, Object requestId, String name, boolean admin) {
        requireAdmin(session);
        return Checks.existingUser(context, name).thenCompose(user -> context.store().setAdmin(user.name(), admin)
                .handleAsync((done, error) -> {
                    throwIfFailed(error);
                    context.events().publish(new ClusterEvent.AdminChanged(user.name(), admin));
                    if (admin) {
                        Audit.adminGranted(session, user.name());
                    } else {
                        Audit.adminRevoked(session, user.name());
                    }
                    return (Reply) Ok.of(requestId);
                }, session.eventLoop()));
    }

    /** Rethrows a store failure; the last admin's revocation or deletion becomes {@code forbidden}. */
    private static void throwIfFailed(Throwable error) {
        if (error == null) {
            return;
        }
        if (Futures.unwrap(error) instanceof LastAdminException) {
            throw new RequestException(ErrorCode.FORBIDDEN, "the server's last admin stays admin");
        }
        throw AccountCommands.asCompletion(error);
    }

    public CompletionStage<Reply> renameUser(Session session, UserRename request) {
        requireAdmin(session);
        String newName = Checks.userName(request.newName(), "new_name");
        return Checks.existingUser(context, request.user()).thenCompose(user -> context.store().renameUser(user.name(), newName)
                .handleAsync((done, error) -> {
                    if (error != null) {
                        if (Futures.unwrap(error) instanceof UserExistsException) {
                            throw new RequestException(ErrorCode.USER_EXISTS, "the name '" + newName + "' is taken");
                        }
                        throw AccountCommands.asCompletion(error);
                    }
                    context.events().publish(new ClusterEvent.UserRenamed(user.name(), newName));
                    Audit.userRenamed(session, user.name(), newName);
                    return (Reply) Ok.of(request.id());
                }, session.eventLoop()));
    }

    public CompletionStage<Reply> resetPassword(Session session, UserReset request) {
        requireAdmin(session);
        String password = Checks.required(request.password(), "password");
        AccountCommands.checkPassword(password);
        return Checks.existingUser(context, request.user()).thenCompose(user -> context.hasher().hash(password)
                .thenCompose(hash -> context.store().setPassword(user.name(), hash))
                .thenApplyAsync(done -> {
                    // every session of the user ends, on every node, but the one that asked
                    context.events().publish(new ClusterEvent.SessionsEnded(user.name(), Bye.PASSWORD_RESET,
                            session.tokenHash()));
                    Audit.passwordReset(session, user.name());
                    return Ok.of(request.id());
                }, session.eventLoop()));
    }

    public CompletionStage<Reply> deleteRoom(Session session, RoomDelete request) {
        requireAdmin(session);
        Room room = Checks.existingRoom(context, request.room());
        if (room.key().equals(Names.key(ChatStore.LOBBY))) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "the lobby cannot be deleted");
        }
        return context.store().deleteRoom(room.name(), context.now()).thenApplyAsync(done -> {
            context.events().publish(new ClusterEvent.RoomRemoved(room.name()));
            Audit.roomDeleted(session, room.name());
            return Ok.of(request.id());
        }, session.eventLoop());
    }

    public CompletionStage<Reply> renameRoom(Session session, RoomRename request) {
        requireAdmin(session);
        Room room = Checks.existingRoom(context, request.room());
        String newName = Checks.roomName(request.newName());
        if (room.key().equals(Names.key(ChatStore.LOBBY))) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "the lobby cannot be renamed");
        }
        if (!room.key().equals(Names.key(newName)) && context.rooms().find(newName) != null) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "there is already a room '" + newName + "'");
        }
        return context.store().renameRoom(room.name(), newName).handleAsync((done, error) -> {
            if (error != null) {
                if (Futures.unwrap(error) instanceof RoomExistsException) {
                    throw new RequestException(ErrorCode.BAD_REQUEST, "there is already a room '" + newName + "'");
                }
                throw AccountCommands.asCompletion(error);
            }
            context.events().publish(new ClusterEvent.RoomRenamed(room.name(), newName));
            Audit.roomRenamed(session, room.name(), newName);
            return (Reply) Ok.of(request.id());
        }, session.eventLoop());
    }

    static void requireAdmin(Session session) {
        if (!session.isAdmin()) {
            throw new RequestException(ErrorCode.FORBIDDEN, "only a server admin may do that");
        }
    }
}

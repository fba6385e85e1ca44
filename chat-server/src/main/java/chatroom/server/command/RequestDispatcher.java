package chatroom.server.command;

import chatroom.common.Futures;
import chatroom.codec.message.RoomRename;
import chatroom.codec.message.RoomDelete;
import chatroom.codec.message.UserReset;
import chatroom.codec.message.UserRename;
import chatroom.codec.message.AdminGrant;
import chatroom.codec.message.AdminRevoke;
import chatroom.codec.message.UserDelete;
import chatroom.codec.message.Unmute;
import chatroom.codec.message.Mute;
import chatroom.codec.message.Invite;
import chatroom.codec.InvalidMessage;
import chatroom.codec.message.Ban;
import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.ErrorReply;
import chatroom.codec.message.FileChunk;
import chatroom.codec.message.FileGet;
import chatroom.codec.message.FilePut;
import chatroom.codec.message.History;
import chatroom.codec.message.Join;
import chatroom.codec.message.Kick;
import chatroom.codec.message.Leave;
import chatroom.codec.message.ListFiles;
import chatroom.codec.message.ListMembers;
import chatroom.codec.message.ListRooms;
import chatroom.codec.message.ListUsers;
import chatroom.codec.message.Login;
import chatroom.codec.message.Logout;
import chatroom.codec.message.Ping;
import chatroom.codec.message.Pong;
import chatroom.codec.message.Register;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Request;
import chatroom.codec.message.Send;
import chatroom.codec.message.SetTopic;
import chatroom.codec.message.Unban;
import chatroom.server.auth.HashQueueFullException;
import chatroom.codec.message.DeleteMessage;
import chatroom.codec.message.EditMessage;
import chatroom.codec.message.ListConversations;
import chatroom.codec.message.MarkRead;
import chatroom.codec.message.Search;
import chatroom.server.store.MessageChangeRefused;
import chatroom.server.store.StoreException;
import chatroom.server.session.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one request and produces its one reply. Requests that need the store or the password
 * hasher return a stage that completes on another thread; the session's request queue
 * ({@code RequestQueueHandler}) waits for it before starting the next request, so replies keep the
 * order of the requests.
 */
public final class RequestDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final AccountCommands accounts;
    private final RoomCommands rooms;
    private final MessageCommands messages;
    private final ModerationCommands moderation;
    private final FileCommands files;
    private final AdminCommands admin;
    private final ConversationCommands conversations;

    public RequestDispatcher(ServerContext context) {
        this.accounts = new AccountCommands(context);
        this.rooms = new RoomCommands(context);
        this.messages = new MessageCommands(context);
        this.moderation = new ModerationCommands(context);
        this.files = new FileCommands(context);
        this.admin = new AdminCommands(context);
        this.conversations = new ConversationCommands(context);
    }

    /**
     * Starts a request on the session's event loop. The stage completes with the reply to send, or
     * with null when the handler queued its reply itself (a {@code join} followed by its replay).
     * Never completes exceptionally: failures become {@code error} replies.
     */
    public CompletionStage<Reply> dispatch(Session session, Object request) {
        Object id = request instanceof Request r ? r.id() : null;
        CompletionStage<Reply> stage;
        try {
            stage = run(session, request);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(errorReply(session, id, e));
        }
        return stage.handle((reply, error) -> error == null ? reply : errorReply(session, id, error));
    }

    private CompletionStage<Reply> run(Session session, Object message) {
        if (message instanceof InvalidMessage invalid) {
            return done(invalid.toReply());
        }
        if (message instanceof Ping ping) {
            return done(new Pong(ping.id(), ping.t()));
        }
        if (message instanceof Register register) {
            return accounts.register(session, register);
        }
        if (message instanceof Login login) {
            return accounts.login(session, login);
        }
        Request request = (Request) message;
        if (!session.isAuthenticated()) {
            throw new RequestException(ErrorCode.UNAUTHENTICATED, "log in first");
        }
        if (request instanceof Send send) {
            return messages.send(session, send);
        } else if (request instanceof Join join) {
            return rooms.join(session, join);
        } else if (request instanceof History history) {
            return messages.history(session, history);
        } else if (request instanceof Leave leave) {
            return rooms.leave(session, leave);
        } else if (request instanceof ListRooms list) {
            return done(rooms.rooms(session, list));
        } else if (request instanceof ListMembers list) {
            return done(rooms.members(session, list));
        } else if (request instanceof ListUsers list) {
            return done(rooms.users(session, list));
        } else if (request instanceof SetTopic topic) {
            return rooms.topic(session, topic);
        } else if (request instanceof Logout logout) {
            return accounts.logout(session, logout);
        } else if (request instanceof Kick kick) {
            return moderation.kick(session, kick);
        } else if (request instanceof Ban ban) {
            return moderation.ban(session, ban);
        } else if (request instanceof Unban unban) {
            return moderation.unban(session, unban);
        } else if (request instanceof Invite invite) {
            return rooms.invite(session, invite);
        } else if (request instanceof Mute mute) {
            return moderation.mute(session, mute);
        } else if (request instanceof Unmute unmute) {
            return moderation.unmute(session, unmute);
        } else if (request instanceof UserDelete delete) {
            return admin.deleteUser(session, delete);
        } else if (request instanceof UserRename rename) {
            return admin.renameUser(session, rename);
        } else if (request instanceof AdminGrant grant) {
            return admin.setAdmin(session, grant.id(), grant.user(), true);
        } else if (request instanceof AdminRevoke revoke) {
            return admin.setAdmin(session, revoke.id(), revoke.user(), false);
        } else if (request instanceof UserReset reset) {
            return admin.resetPassword(session, reset);
        } else if (request instanceof RoomDelete delete) {
            return admin.deleteRoom(session, delete);
        } else if (request instanceof RoomRename rename) {
            return admin.renameRoom(session, rename);
        } else if (request instanceof MarkRead read) {
            return conversations.read(session, read);
        } else if (request instanceof ListConversations list) {
            return conversations.conversations(session, list);
        } else if (request instanceof EditMessage edit) {
            return conversations.edit(session, edit);
        } else if (request instanceof DeleteMessage delete) {
            return conversations.delete(session, delete);
        } else if (request instanceof Search search) {
            return conversations.search(session, search);
        } else if (request instanceof FileChunk chunk) {
            return files.chunk(session, chunk);
        } else if (request instanceof FilePut put) {
            return files.put(session, put);
        } else if (request instanceof ListFiles list) {
            return files.list(session, list);
        } else if (request instanceof FileGet get) {
            return files.get(session, get);
        }
        throw new RequestException(ErrorCode.UNKNOWN_TYPE, "unknown type '" + request.type() + "'");
    }

    private static CompletionStage<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    private static Reply errorReply(Session session, Object id, Throwable error) {
        Throwable cause = Futures.unwrap(error);
        if (cause instanceof RequestException rejected) {
            return new ErrorReply(id, rejected.code(), rejected.getMessage(), rejected.retryAfterMs());
        }
        if (cause instanceof HashQueueFullException busy) {
            return new ErrorReply(id, ErrorCode.BUSY, "the server has too many passwords to check; retry later",
                    busy.retryAfterMs());
        }
        if (cause instanceof MessageChangeRefused refused) {
            return new ErrorReply(id, refused.reason() == MessageChangeRefused.Reason.NOT_ALLOWED
                    ? ErrorCode.FORBIDDEN : ErrorCode.BAD_REQUEST, refused.getMessage());
        }
        if (cause instanceof StoreException) {
            log.error("{} store failure: {}", session.logPrefix(), cause.getMessage());
            return new ErrorReply(id, ErrorCode.INTERNAL, "the server could not store or read that; try again");
        }
        log.error("{} request failed unexpectedly", session.logPrefix(), cause);
        return new ErrorReply(id, ErrorCode.INTERNAL, "internal error");
    }
}

package chatroom.server.command;

import static chatroom.server.command.FreshAdminRights.first;

import chatroom.codec.InvalidMessage;
import chatroom.codec.message.AdminGrant;
import chatroom.codec.message.AdminRevoke;
import chatroom.codec.message.Ban;
import chatroom.codec.message.DeleteMessage;
import chatroom.codec.message.EditMessage;
import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.ErrorReply;
import chatroom.codec.message.FileChunk;
import chatroom.codec.message.FileGet;
import chatroom.codec.message.FilePut;
import chatroom.codec.message.History;
import chatroom.codec.message.Invite;
import chatroom.codec.message.Join;
import chatroom.codec.message.Kick;
import chatroom.codec.message.Leave;
import chatroom.codec.message.ListConversations;
import chatroom.codec.message.ListFiles;
import chatroom.codec.message.ListMembers;
import chatroom.codec.message.ListRooms;
import chatroom.codec.message.ListUsers;
import chatroom.codec.message.Login;
import chatroom.codec.message.Logout;
import chatroom.codec.message.MarkRead;
import chatroom.codec.message.Mute;
import chatroom.codec.message.Ping;
import chatroom.codec.message.Pong;
import chatroom.codec.message.Register;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Request;
import chatroom.codec.message.RoomDelete;
import chatroom.codec.message.RoomRename;
import chatroom.codec.message.Search;
import chatroom.codec.message.Send;
import chatroom.codec.message.SetTopic;
import chatroom.codec.message.Unban;
import chatroom.codec.message.Unmute;
import chatroom.codec.message.UserDelete;
import chatroom.codec.message.UserRename;
import chatroom.codec.message.UserReset;
import chatroom.common.Futures;
import chatroom.server.auth.HashQueueFullException;
import chatroom.server.session.Session;
import chatroom.server.store.MessageChangeRefused;
import chatroom.server.store.StoreException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one request and produces its one reply, through a table of one handler per request type
 * ({@link RequestHandlers}). Requests that need the store or the password hasher return a stage
 * that completes on another thread; the connection's {@code RequestQueue} waits for it before
 * starting the next request, so replies keep the order of the requests.
 */
public final class RequestDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final RequestHandlers handlers;

    public RequestDispatcher(ServerContext context) {
        this.handlers = handlers(context);
    }

    /** One handler per request type; {@code RequestDispatcherTest} checks that every {@link Request} has one. */
    private static RequestHandlers handlers(ServerContext context) {
        AccountCommands accounts = new AccountCommands(context);
        RoomCommands rooms = new RoomCommands(context);
        MessageCommands messages = new MessageCommands(context);
        ModerationCommands moderation = new ModerationCommands(context);
        FileCommands files = new FileCommands(context);
        AdminCommands admin = new AdminCommands(context);
        ConversationCommands conversations = new ConversationCommands(context);
        return new RequestHandlers()
                .beforeLogin(Ping.class, (session, ping) -> done(new Pong(ping.id(), ping.t())))
                .beforeLogin(Register.class, accounts::register)
                .beforeLogin(Login.class, accounts::login)
                .on(Logout.class, accounts::logout)
                // rooms
                .on(Join.class, rooms::join)
                .on(Leave.class, rooms::leave)
                .on(Invite.class, rooms::invite)
                .on(SetTopic.class, rooms::topic)
                .onAnswered(ListRooms.class, rooms::rooms)
                .onAnswered(ListMembers.class, rooms::members)
                .onAnswered(ListUsers.class, rooms::users)
                // messages and conversations
                .on(Send.class, messages::send)
                .on(History.class, messages::history)
                .on(MarkRead.class, conversations::read)
                .on(ListConversations.class, conversations::conversations)
                .on(EditMessage.class, conversations::edit)
                .on(DeleteMessage.class, first(context, conversations::delete))
                .on(Search.class, conversations::search)
                // moderation of a room, and of the server: admin rights as the store has them now
                .on(Kick.class, first(context, moderation::kick))
                .on(Ban.class, first(context, moderation::ban))
                .on(Unban.class, first(context, moderation::unban))
                .on(Mute.class, first(context, moderation::mute))
                .on(Unmute.class, first(context, moderation::unmute))
                .on(UserDelete.class, first(context, admin::deleteUser))
                .on(UserRename.class, first(context, admin::renameUser))
                .on(UserReset.class, first(context, admin::resetPassword))
                .on(AdminGrant.class, first(context,
                        (session, grant) -> admin.setAdmin(session, grant.id(), grant.user(), true)))
                .on(AdminRevoke.class, first(context,
                        (session, revoke) -> admin.setAdmin(session, revoke.id(), revoke.user(), false)))
                .on(RoomDelete.class, first(context, admin::deleteRoom))
                .on(RoomRename.class, first(context, admin::renameRoom))
                // files
                .on(FilePut.class, files::put)
                .on(FileChunk.class, files::chunk)
                .on(ListFiles.class, files::list)
                .on(FileGet.class, files::get);
    }

    /** The request types this dispatcher has a handler for. */
    Set<Class<? extends Request>> handledTypes() {
        return handlers.types();
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
        return handlers.run(session, (Request) message);
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

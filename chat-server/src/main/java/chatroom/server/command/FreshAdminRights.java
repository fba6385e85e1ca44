package chatroom.server.command;

import chatroom.codec.message.Reply;
import chatroom.codec.message.Request;
import chatroom.server.session.Session;
import java.util.concurrent.CompletionStage;

/**
 * Runs a request that admin rights decide with the session's rights read afresh from the store, in a cluster.
 *
 * <p>On one node a session's admin flag is exact: {@code admin_grant} and {@code admin_revoke} set it on every
 * session before they answer. In a cluster a session on another node hears of the change only when the node's
 * event arrives through Redis: a moment later, or, during a Redis outage, not at all (catching up reloads rooms
 * and members, not sessions). A revoked admin could go on deleting users there. So before such a request the
 * account's flag is read from the store, the authority, and set on the session; the handler's own check then
 * sees it. One store read per moderation request; ordinary chat is not affected.
 */
final class FreshAdminRights {

    private FreshAdminRights() {
    }

    /** {@code handler}, run after the session's admin flag is read from the store when {@code context} is a
     *  cluster node; {@code handler} itself on a single node. */
    static <R extends Request> RequestHandlers.Handler<R> first(ServerContext context,
            RequestHandlers.Handler<R> handler) {
        if (context.config().cluster() == null) {
            return handler;
        }
        return (session, request) -> refreshed(context, session)
                .thenCompose(done -> handler.handle(session, request));
    }

    private static CompletionStage<Void> refreshed(ServerContext context, Session session) {
        return context.store().findUser(session.user()).thenAcceptAsync(
                found -> found.ifPresent(account -> session.admin(account.admin())), session.eventLoop());
    }
}

package chatroom.server.command;

import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Request;
import chatroom.server.session.Session;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * Which handler runs each request type: a table filled once at start and only read afterwards, so
 * any event loop may look up in it. Most requests need a logged-in session; the few that are
 * allowed before (logging in itself, {@code ping}) are registered with {@link #beforeLogin}.
 */
final class RequestHandlers {

    /** Runs one request of type {@code R}; the stage completes with its reply. */
    @FunctionalInterface
    interface Handler<R extends Request> {
        CompletionStage<Reply> handle(Session session, R request);
    }

    private record Entry<R extends Request>(Handler<R> handler, boolean needsLogin) {
    }

    private final Map<Class<? extends Request>, Entry<?>> byType = new HashMap<>();

    /** A request that needs a logged-in session, answered by a stage. */
    <R extends Request> RequestHandlers on(Class<R> type, Handler<R> handler) {
        return add(type, new Entry<>(handler, true));
    }

    /** A request that needs a logged-in session and is answered at once, from memory. */
    <R extends Request> RequestHandlers onAnswered(Class<R> type, BiFunction<Session, R, Reply> handler) {
        return on(type, (session, request) -> CompletableFuture.completedFuture(handler.apply(session, request)));
    }

    /** A request a session may send before it has logged in. */
    <R extends Request> RequestHandlers beforeLogin(Class<R> type, Handler<R> handler) {
        return add(type, new Entry<>(handler, false));
    }

    private <R extends Request> RequestHandlers add(Class<R> type, Entry<R> entry) {
        if (byType.putIfAbsent(type, entry) != null) {
            throw new IllegalStateException("two handlers for " + type.getSimpleName());
        }
        return this;
    }

    /** The request types that have a handler. */
    Set<Class<? extends Request>> types() {
        return Collections.unmodifiableSet(byType.keySet());
    }

    /**
     * Runs the handler of the request's type; throws {@link RequestException} {@code unauthenticated}
     * when it needs a login the session lacks, {@code unknown_type} when no handler is registered.
     */
    CompletionStage<Reply> run(Session session, Request request) {
        Entry<?> entry = byType.get(request.getClass());
        if (entry == null) {
            throw new RequestException(ErrorCode.UNKNOWN_TYPE, "unknown type '" + request.type() + "'");
        }
        if (entry.needsLogin() && !session.isAuthenticated()) {
            throw new RequestException(ErrorCode.UNAUTHENTICATED, "log in first");
        }
        return runTyped(entry, session, request);
    }

    @SuppressWarnings("unchecked")
    private static <R extends Request> CompletionStage<Reply> runTyped(Entry<R> entry, Session session,
                                                                       Request request) {
        return entry.handler().handle(session, (R) request); // the table holds each type's own handler
    }
}

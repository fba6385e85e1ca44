package chatroom.server.command;

import chatroom.common.Futures;
import chatroom.codec.message.Bye;
import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.Login;
import chatroom.codec.message.Logout;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Register;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Results.LoginResult;
import chatroom.codec.message.Results.RoomSeq;
import chatroom.codec.message.Results.UserResult;
import chatroom.server.bot.BotConfig;
import chatroom.server.auth.HashQueueFullException;
import chatroom.server.auth.SharedLoginThrottle;
import chatroom.server.auth.SharedRegistrationLimit;
import chatroom.server.auth.Tokens;
import chatroom.server.audit.Audit;
import chatroom.server.cluster.ClusterEvent;
import chatroom.server.limits.SharedCounters;
import chatroom.server.room.Room;
import chatroom.server.session.Session;
import chatroom.server.store.ChatStore;
import chatroom.server.store.Names;
import chatroom.server.store.UserExistsException;
import chatroom.server.store.UserRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** {@code register}, {@code login} (password or token) and {@code logout}. */
public final class AccountCommands {

    /** Minimum password length of the contract. */
    public static final int MIN_PASSWORD_LENGTH = 8;
    /**
     * How long after login the user's rooms wait for a resuming {@code join {since}} before their
     * live messages flow anyway (any other request ends the wait at once).
     */
    static final long LOGIN_HOLD_MS = 1000;
    /** Longer passwords are refused: hashing them would cost more than it protects. */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private final ServerContext context;
    /** The node's login throttle, plus the failures every node counts (in a cluster). */
    private final SharedLoginThrottle logins;
    /** The registration limit of the whole cluster; each node's own is {@code context.registrations()}. */
    private final SharedRegistrationLimit clusterRegistrations;

    public AccountCommands(ServerContext context) {
        this.context = context;
        SharedCounters counters = context.events().cluster().counters();
        this.logins = new SharedLoginThrottle(context.loginThrottle(), counters);
        this.clusterRegistrations = new SharedRegistrationLimit(counters, context.config().registrationsPerMinute());
    }

    /**
     * Creates an account; with {@code login: true} also logs the connection in, with the one hash.
     * A registration is counted against its address's allowance when it starts (before the hash);
     * a {@code busy} answer gives the allowance back, since nothing was done.
     */
    public CompletionStage<Reply> register(Session session, Register request) {
        if (request.user() != null && Names.isMixedScriptUser(request.user())) {
            return refuseMixedScripts(request.user());
        }
        String name = Checks.userName(request.user(), "user");
        if (context.bot() != null && name.equalsIgnoreCase(BotConfig.USER)) {
            throw new RequestException(ErrorCode.INVALID_NAME, "'" + BotConfig.USER + "' is the room assistant's name");
        }
        String password = Checks.required(request.password(), "password");
        checkPassword(password);
        if (request.logsIn() && session.isAuthenticated()) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "already logged in as " + session.user());
        }
        String address = address(session);
        long wait = context.registrations().tryAcquire(address);
        if (wait > 0) {
            throw new RequestException(ErrorCode.RATE_LIMITED, "too many registrations from this address; retry later",
                    wait);
        }
        return clusterRegistrations.tryAcquire(address)
                .thenCompose(clusterWait -> {
                    if (clusterWait > 0) {
                        context.registrations().refund(address);
                        throw new RequestException(ErrorCode.RATE_LIMITED,
                                "too many registrations from this address; retry later", clusterWait);
                    }
                    return context.hasher().hash(password);
                })
                .thenCompose(hash -> context.store().createUser(name, hash, context.now(), isConfiguredAdmin(name)))
                .thenCompose(user -> {
                    context.events().publish(new ClusterEvent.MemberAdded(ChatStore.LOBBY, user.name(), false, false));
                    Audit.registered(session, user.name());
                    if (!request.logsIn()) {
                        return CompletableFuture.completedFuture((Reply) new Ok(request.id(), new UserResult(user.name())));
                    }
                    return startSession(session, request.id(), user);
                })
                .exceptionally(error -> {
                    Throwable cause = Futures.unwrap(error);
                    if (cause instanceof UserExistsException) {
                        throw new RequestException(ErrorCode.USER_EXISTS, "the name '" + name + "' is taken");
                    }
                    if (cause instanceof HashQueueFullException) {
                        context.registrations().refund(address);
                        clusterRegistrations.refund(address);
                    }
                    throw asCompletion(error);
                });
    }

    /**
     * Whether {@code --admin} names this name. Only its first account gets the rights: a name freed
     * by a rename or deletion is never registrable again.
     */
    private boolean isConfiguredAdmin(String name) {
        String key = Names.key(name);
        return context.config().admins().stream().map(Names::key).anyMatch(key::equals);
    }

    /**
     * A name that mixes scripts is refused (section 9); when it looks like an existing account's,
     * as Cyrillic {@code rооt} looks like {@code root}, the refusal says so: {@code user_exists}.
     */
    private CompletionStage<Reply> refuseMixedScripts(String name) {
        return context.store().findUser(name).thenApply(found -> {
            if (found.isPresent()) {
                throw new RequestException(ErrorCode.USER_EXISTS, "the name '" + name + "' looks like '"
                        + found.get().name() + "', which is taken");
            }
            throw new RequestException(ErrorCode.INVALID_NAME,
                    "a name may not mix scripts (Han with kana or Hangul counts as one)");
        });
    }

    static void checkPassword(String password) {
        int length = Checks.length(password);
        if (length < MIN_PASSWORD_LENGTH) {
            throw new RequestException(ErrorCode.WEAK_PASSWORD,
                    "passwords have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (length > MAX_PASSWORD_LENGTH) {
            throw new RequestException(ErrorCode.BAD_REQUEST,
                    "passwords have at most " + MAX_PASSWORD_LENGTH + " characters");
        }
    }

    public CompletionStage<Reply> login(Session session, Login request) {
        if (session.isAuthenticated()) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "already logged in as " + session.user());
        }
        if (request.token() != null) {
            String tokenHash = Tokens.hash(request.token());
            return context.store().findUserByToken(tokenHash, context.now())
                    .thenCompose(found -> found.isEmpty() ? CompletableFuture.completedFuture(found)
                            : roomsReady(found.get()).thenApply(ready -> found))
                    .thenApplyAsync(found -> {
                        if (found.isEmpty()) {
                            Audit.tokenRefused(session);
                        }
                        UserRecord user = found.orElseThrow(() ->
                                new RequestException(ErrorCode.BAD_TOKEN, "unknown or expired token"));
                        return loggedIn(session, request.id(), user, request.token(), tokenHash);
                    }, session.eventLoop());
        }
        String name = Checks.required(request.user(), "user");
        String password = Checks.required(request.password(), "password");
        // a name that cannot exist is one key for all: a long junk name must not become a long key
        String accountKey = Names.isValidUser(name) ? Names.key(name) : "";
        return logins.start(accountKey, address(session)).thenCompose(attempt -> {
            if (attempt.refused()) {
                Audit.loginThrottled(session, name);
                throw new RequestException(ErrorCode.RATE_LIMITED,
                        "another login of this account or from this address is being checked; retry later",
                        attempt.retryAfterMs());
            }
            CompletableFuture<Reply> answer = after(attempt.delay(), session)
                    .thenCompose(ready -> verifyAndLogIn(session, request, name, password, attempt));
            // an attempt that ended neither way (busy hasher, store failure) is not counted
            answer.whenComplete((reply, error) -> attempt.abandoned());
            return answer;
        });
    }

    /**
     * Looks the user up, checks the password on the hasher's pool and, if right, starts the session.
     * A client that left while its attempt was held back costs no hash.
     */
    private CompletableFuture<Reply> verifyAndLogIn(Session session, Login request, String name, String password,
                                                    SharedLoginThrottle.Attempt attempt) {
        if (!session.channel().isActive()) {
            attempt.abandoned();
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Optional<UserRecord>> lookup = Names.isValidUser(name)
                ? context.store().findUser(name) : CompletableFuture.completedFuture(Optional.empty());
        return lookup.thenCompose(found -> {
            if (found.isEmpty()) {
                attempt.failed();
                Audit.loginFailed(session, name);
                throw new RequestException(ErrorCode.BAD_CREDENTIALS, "wrong user or password");
            }
            UserRecord user = found.get();
            return context.hasher().verify(password, user.passwordHash()).thenCompose(matches -> {
                if (!matches) {
                    attempt.failed();
                    Audit.loginFailed(session, name);
                    throw new RequestException(ErrorCode.BAD_CREDENTIALS, "wrong user or password");
                }
                attempt.succeeded();
                if (user.banned()) {
                    throw new RequestException(ErrorCode.BANNED, "this account is banned");
                }
                return startSession(session, request.id(), user);
            });
        });
    }

    /** A new token for {@code user}, saved, then the session logged in on its event loop. */
    private CompletableFuture<Reply> startSession(Session session, Object requestId, UserRecord user) {
        String token = Tokens.newToken();
        String tokenHash = Tokens.hash(token);
        long expires = context.now() + context.config().tokenTtl().toMillis();
        return context.store().saveToken(tokenHash, user.name(), expires)
                .thenCompose(saved -> roomsReady(user))
                .thenApplyAsync(ready -> loggedIn(session, requestId, user, token, tokenHash), session.eventLoop());
    }

    /** In a cluster, this node receives the user's rooms' messages before the login reply names their seqs. */
    private CompletableFuture<Void> roomsReady(UserRecord user) {
        return context.events().attach(Names.key(user.name()), user.id());
    }

    /** Completes after {@code delay} on the session's timer (a throttled login); never sleeps a thread. */
    private static CompletableFuture<Void> after(Duration delay, Session session) {
        if (delay.isZero()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> later = new CompletableFuture<>();
        session.eventLoop().schedule(() -> later.complete(null), delay.toMillis(), TimeUnit.MILLISECONDS);
        return later;
    }

    private static String address(Session session) {
        return session.remoteAddress() == null ? null : session.remoteAddress().getHostAddress();
    }

    /** Runs on the event loop: the session becomes the user's and the user's rooms are listed. */
    private Reply loggedIn(Session session, Object requestId, UserRecord user, String token, String tokenHash) {
        if (user.banned()) {
            throw new RequestException(ErrorCode.BANNED, "this account is banned");
        }
        if (session.isAuthenticated()) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "already logged in as " + session.user());
        }
        String userKey = Names.key(user.name());
        session.authenticated(user.name(), userKey, user.id(), user.admin(), tokenHash);
        List<Room> rooms = context.rooms().roomsOf(userKey);
        session.holdAfterLogin(rooms.stream().map(room -> room.conversation().key()).toList());
        session.eventLoop().schedule(session::releaseLoginHolds, LOGIN_HOLD_MS, TimeUnit.MILLISECONDS);
        if (session.channel().isActive()) {
            context.events().sessionStarted(session, context.sessions().add(session));
        }
        // Seqs are read after the session is registered: anything newer reaches it live.
        List<RoomSeq> seqs = new ArrayList<>(rooms.size());
        for (Room room : rooms) {
            seqs.add(new RoomSeq(room.name(), room.latestSeq()));
        }
        return new Ok(requestId, new LoginResult(user.name(), token, seqs));
    }

    public CompletionStage<Reply> logout(Session session, Logout request) {
        return context.store().deleteToken(session.tokenHash())
                .thenApplyAsync(done -> {
                    session.send(Ok.of(request.id()));
                    session.close(Bye.LOGOUT);
                    return null;
                }, session.eventLoop());
    }

    static CompletionException asCompletion(Throwable error) {
        return error instanceof CompletionException ce ? ce : new CompletionException(error);
    }
}

package chatroom.server.command;

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
import chatroom.server.auth.LoginThrottle;
import chatroom.server.auth.Tokens;
import chatroom.server.audit.Audit;
import chatroom.server.cluster.ClusterEvent;
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

    public AccountCommands(ServerContext context) {
        this.context = context;
    }

    public CompletionStage<Reply> register(Session session, Register request) {
        String name = Checks.userName(request.user(), "user");
        if (context.bot() != null && name.equalsIgnoreCase(BotConfig.USER)) {
            throw new RequestException(ErrorCode.INVALID_NAME, "'" + BotConfig.USER + "' is the room assistant's name");
        }
        String password = Checks.required(request.password(), "password");
        checkPassword(password);
        return context.hasher().hash(password)
                .thenCompose(hash -> context.store().createUser(name, hash, context.now()))
                .thenApply(user -> {
                    context.events().publish(new ClusterEvent.MemberAdded(ChatStore.LOBBY, user.name(), false, false));
                    Audit.registered(session, user.name());
                    return (Reply) new Ok(request.id(), new UserResult(user.name()));
                })
                .exceptionally(error -> {
                    if (unwrap(error) instanceof UserExistsException) {
                        throw new RequestException(ErrorCode.USER_EXISTS, "the name '" + name + "' is taken");
                    }
                    throw asCompletion(error);
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
                    .thenApplyAsync(found -> {
                        if (found.isEmpty()) {
                            Audit.tokenRefused(session);
                        }
                        UserRecord user = found.orElseThrow(() ->
                                new RequestException(ErrorCode.BAD_TOKEN, "unknown or expired token"));
                        return loggedIn(session, request, user, request.token(), tokenHash);
                    }, session.eventLoop());
        }
        String name = Checks.required(request.user(), "user");
        String password = Checks.required(request.password(), "password");
        String userKey = Names.key(name);
        String address = session.remoteAddress() == null ? null : session.remoteAddress().getHostAddress();
        LoginThrottle.Verdict verdict = context.loginThrottle().check(userKey, address);
        if (verdict.refused()) {
            Audit.loginThrottled(session, name);
            throw new RequestException(ErrorCode.RATE_LIMITED, "too many failed logins; try again later");
        }
        CompletableFuture<Optional<UserRecord>> lookup = Names.isValidUser(name)
                ? context.store().findUser(name) : CompletableFuture.completedFuture(Optional.empty());
        CompletionStage<Reply> answer = lookup.thenCompose(found -> {
            if (found.isEmpty()) {
                context.loginThrottle().failed(userKey, address);
                Audit.loginFailed(session, name);
                throw new RequestException(ErrorCode.BAD_CREDENTIALS, "wrong user or password");
            }
            UserRecord user = found.get();
            return context.hasher().verify(password, user.passwordHash()).thenCompose(matches -> {
                if (!matches) {
                    context.loginThrottle().failed(userKey, address);
                    Audit.loginFailed(session, name);
                    throw new RequestException(ErrorCode.BAD_CREDENTIALS, "wrong user or password");
                }
                context.loginThrottle().succeeded(userKey);
                if (user.banned()) {
                    throw new RequestException(ErrorCode.BANNED, "this account is banned");
                }
                String token = Tokens.newToken();
                String tokenHash = Tokens.hash(token);
                long expires = context.now() + context.config().tokenTtl().toMillis();
                return context.store().saveToken(tokenHash, user.name(), expires)
                        .thenApplyAsync(saved -> loggedIn(session, request, user, token, tokenHash),
                                session.eventLoop());
            });
        });
        return delayed(answer, verdict.delay(), session);
    }

    /** Holds an answer back for {@code delay} on a timer (a throttled login); never sleeps a thread. */
    private static <T> CompletionStage<T> delayed(CompletionStage<T> stage, Duration delay, Session session) {
        if (delay.isZero()) {
            return stage;
        }
        CompletableFuture<T> later = new CompletableFuture<>();
        stage.whenComplete((value, error) -> session.eventLoop().schedule(() -> {
            if (error != null) {
                later.completeExceptionally(error);
            } else {
                later.complete(value);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS));
        return later;
    }

    /** Runs on the event loop: the session becomes the user's and the user's rooms are listed. */
    private Reply loggedIn(Session session, Login request, UserRecord user, String token, String tokenHash) {
        if (user.banned()) {
            throw new RequestException(ErrorCode.BANNED, "this account is banned");
        }
        if (session.isAuthenticated()) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "already logged in as " + session.user());
        }
        String userKey = Names.key(user.name());
        session.authenticated(user.name(), userKey, context.config().admins().contains(userKey), tokenHash);
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
        return new Ok(request.id(), new LoginResult(user.name(), token, seqs));
    }

    public CompletionStage<Reply> logout(Session session, Logout request) {
        return context.store().deleteToken(session.tokenHash())
                .thenApplyAsync(done -> {
                    session.send(Ok.of(request.id()));
                    session.close(Bye.LOGOUT);
                    return null;
                }, session.eventLoop());
    }

    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    static CompletionException asCompletion(Throwable error) {
        return error instanceof CompletionException ce ? ce : new CompletionException(error);
    }
}

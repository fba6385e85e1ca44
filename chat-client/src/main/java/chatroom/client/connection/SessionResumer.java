package chatroom.client.connection;

import chatroom.codec.ChatJson;
import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.History;
import chatroom.codec.message.Join;
import chatroom.codec.message.Leave;
import chatroom.codec.message.Login;
import chatroom.codec.message.Logout;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Ping;
import chatroom.codec.message.Register;
import chatroom.codec.message.Request;
import chatroom.codec.message.Results.HistoryResult;
import chatroom.codec.message.Results.JoinResult;
import chatroom.codec.message.Results.LoginResult;
import chatroom.codec.message.Results.RoomSeq;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a reconnect needs to pick up where the last connection stopped, and the catch-up itself.
 * It learns from successful replies ({@link #remember}): the login token, the rooms joined, and
 * where each conversation starts. After a reconnect ({@link #resume}) it logs in with the token,
 * rejoins every room with {@code since} = the last seq delivered, and fetches missed direct
 * messages with {@code history {with, after}}; the {@link DeliveryTracker} holds each
 * conversation's messages back meanwhile, so the application sees each once and in order.
 * Event loop only, but for {@link #token()} and {@link #user()}.
 */
final class SessionResumer {

    /** Messages per {@code history} page while fetching missed direct messages. */
    static final int HISTORY_PAGE = 200;

    /** How the resume sends its own requests: on the new socket, ahead of the application's. */
    interface Requests {
        CompletableFuture<Object> send(Function<Long, Request> build);
    }

    private final DeliveryTracker delivery;
    private final Set<String> rooms = new LinkedHashSet<>();
    private volatile String token;
    private volatile String user;

    SessionResumer(DeliveryTracker delivery) {
        this.delivery = delivery;
    }

    /** The token of the current login, or null. */
    String token() {
        return token;
    }

    /** The logged-in user, or null. */
    String user() {
        return user;
    }

    /** The rooms joined in this run, to rejoin after a reconnect. */
    Set<String> rooms() {
        return Set.copyOf(rooms);
    }

    /** Keeps what a resume needs from a successful reply to {@code request}. */
    void remember(Request request, Ok ok) {
        if (request instanceof Login || request instanceof Register register && register.logsIn()) {
            LoginResult result = ChatJson.convert(ok.result(), LoginResult.class);
            token = result.token();
            user = result.user();
            for (RoomSeq room : result.rooms()) {
                delivery.startAt(DeliveryTracker.roomKey(room.room()), room.seq());
            }
        } else if (request instanceof Join) {
            JoinResult result = ChatJson.convert(ok.result(), JoinResult.class);
            rooms.add(result.room());
            delivery.startAt(DeliveryTracker.roomKey(result.room()), result.seq());
        } else if (request instanceof Leave leave) {
            rooms.removeIf(room -> room.equalsIgnoreCase(leave.room()));
        } else if (request instanceof Logout) {
            token = null;
        }
    }

    /**
     * Logs in again with the token and catches up; then {@code resumed} runs on {@code loop} with a
     * line for people. When the connection is lost again meanwhile ({@code connected} is false),
     * {@code resumed} does not run: the next reconnect resumes. The trailing ping's pong arrives
     * after every replayed message, so it marks the end of the catch-up.
     */
    void resume(Requests requests, Executor loop, BooleanSupplier connected, Consumer<String> resumed) {
        if (token == null) {
            resumed.accept("reconnected (not logged in)");
            return;
        }
        List<String> conversations = new ArrayList<>();
        List<CompletableFuture<?>> steps = new ArrayList<>();
        steps.add(requests.send(id -> new Login(id, null, null, token)).exceptionally(error -> {
            token = null;
            user = null;
            return null;
        }));
        for (String room : rooms) {
            String key = DeliveryTracker.roomKey(room);
            delivery.beginResume(key);
            conversations.add(key);
            steps.add(requests.send(id -> new Join(id, room, delivery.last(key), null)));
        }
        delivery.positions().forEach((key, last) -> {
            if (key.startsWith("d:")) {
                delivery.beginResume(key);
                conversations.add(key);
                steps.add(fetchDirect(requests, key.substring(2), last));
            }
        });
        CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new))
                .handle((done, error) -> requests.send(id -> new Ping(id, null)))
                .thenCompose(ping -> ping)
                .whenComplete((pong, error) -> loop.execute(() -> {
                    if (error != null || !connected.getAsBoolean()) {
                        conversations.forEach(delivery::endResume);
                        return;
                    }
                    int missed = 0;
                    for (String key : conversations) {
                        missed += delivery.endResume(key);
                    }
                    resumed.accept(token == null ? "reconnected; the login expired, log in again"
                            : "resumed; " + missed + " missed message" + (missed == 1 ? "" : "s") + " fetched");
                }));
    }

    private CompletableFuture<Object> fetchDirect(Requests requests, String with, long after) {
        return requests.send(id -> new History(id, null, with, null, after, HISTORY_PAGE)).thenCompose(reply -> {
            HistoryResult page = ChatJson.convert(((Ok) reply).result(), HistoryResult.class);
            long last = after;
            for (ChatMessage message : page.messages()) {
                delivery.offer(message);
                last = message.seq();
            }
            return page.messages().size() == HISTORY_PAGE ? fetchDirect(requests, with, last)
                    : CompletableFuture.completedFuture(reply);
        });
    }
}

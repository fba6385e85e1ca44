package chatroom.client;

import chatroom.common.Futures;
import chatroom.codec.message.Results.ConversationsResult;
import chatroom.codec.message.Results.HistoryResult;
import chatroom.codec.message.Results.JoinResult;
import chatroom.codec.message.Results.LoginResult;
import chatroom.codec.message.Results.MembersResult;
import chatroom.codec.message.Results.MessageRef;
import chatroom.codec.message.Results.RoomsResult;
import chatroom.codec.message.Results.SearchResult;
import chatroom.codec.message.Results.SendResult;
import chatroom.codec.message.Results.UsersResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The blocking face of a {@link ChatClient}: each call waits for its reply (the client's request
 * timeout bounds the wait) and throws {@link ChatException} on failure. For scripts and tests.
 * Threading: call it from any thread but the client's own; from a listener (which runs on that
 * thread, where the reply would have to arrive) every call throws {@link IllegalStateException}
 * at once instead of deadlocking.
 */
public final class BlockingChatClient {

    private final ChatClient client;

    BlockingChatClient(ChatClient client) {
        this.client = client;
    }

    public ChatClient async() {
        return client;
    }

    public void connect() {
        await(() -> client.connect());
    }

    public void register(String user, String password) {
        await(() -> client.register(user, password));
    }

    public LoginResult login(String user, String password) {
        return await(() -> client.login(user, password));
    }

    public LoginResult loginWithToken(String token) {
        return await(() -> client.loginWithToken(token));
    }

    public void logout() {
        await(() -> client.logout());
    }

    public JoinResult join(String room) {
        return await(() -> client.join(room));
    }

    public void leave(String room) {
        await(() -> client.leave(room));
    }

    public RoomsResult rooms() {
        return await(() -> client.rooms());
    }

    public MembersResult members(String room) {
        return await(() -> client.members(room));
    }

    public UsersResult users() {
        return await(() -> client.users());
    }

    public void topic(String room, String topic) {
        await(() -> client.topic(room, topic));
    }

    public SendResult send(String room, String text) {
        return await(() -> client.send(room, text));
    }

    public SendResult sendDirect(String toUser, String text) {
        return await(() -> client.sendDirect(toUser, text));
    }

    public HistoryResult history(String room, Long before, Long after, Integer limit) {
        return await(() -> client.history(room, before, after, limit));
    }

    public HistoryResult historyWith(String user, Long before, Long after, Integer limit) {
        return await(() -> client.historyWith(user, before, after, limit));
    }

    public void kick(String room, String user, String reason) {
        await(() -> client.kick(room, user, reason));
    }

    public void ban(String user, String reason) {
        await(() -> client.ban(user, reason));
    }

    public void unban(String user) {
        await(() -> client.unban(user));
    }

    public MessageRef read(String room, long seq) {
        return await(() -> client.read(room, seq));
    }

    public MessageRef readWith(String user, long seq) {
        return await(() -> client.readWith(user, seq));
    }

    public ConversationsResult conversations(Integer limit) {
        return await(() -> client.conversations(limit));
    }

    public MessageRef edit(String room, long seq, String text) {
        return await(() -> client.edit(room, seq, text));
    }

    public MessageRef editWith(String user, long seq, String text) {
        return await(() -> client.editWith(user, seq, text));
    }

    public MessageRef delete(String room, long seq) {
        return await(() -> client.delete(room, seq));
    }

    public MessageRef deleteWith(String user, long seq) {
        return await(() -> client.deleteWith(user, seq));
    }

    public SearchResult search(String q, String room, String with, Long before, Integer limit) {
        return await(() -> client.search(q, room, with, before, limit));
    }

    /** Makes the request and waits, or refuses before making it when called on the client's own thread. */
    private <T> T await(Supplier<CompletableFuture<T>> request) {
        if (client.onClientThread()) {
            throw new IllegalStateException("a blocking call from a listener would wait for the client's own thread,"
                    + " which delivers the reply: use async() there");
        }
        return waitFor(request.get());
    }

    static <T> T waitFor(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException(ChatException.CLOSED, "interrupted");
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = Futures.unwrap(e);
            if (cause instanceof ChatException chat) {
                throw new ChatException(chat.code(), chat.getMessage());
            }
            throw new ChatException("internal", String.valueOf(cause));
        }
    }
}

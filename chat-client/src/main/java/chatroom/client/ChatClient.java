package chatroom.client;

import chatroom.client.files.FileTransfers;
import chatroom.client.connection.ClientConnection;
import chatroom.codec.ChatJson;
import chatroom.codec.message.RoomRename;
import chatroom.codec.message.RoomDelete;
import chatroom.codec.message.UserReset;
import chatroom.codec.message.AdminGrant;
import chatroom.codec.message.AdminRevoke;
import chatroom.codec.message.UserRename;
import chatroom.codec.message.UserDelete;
import chatroom.codec.message.Unmute;
import chatroom.codec.message.Mute;
import chatroom.codec.message.Invite;
import chatroom.codec.message.Ban;
import chatroom.codec.message.History;
import chatroom.codec.message.Join;
import chatroom.codec.message.Kick;
import chatroom.codec.message.Leave;
import chatroom.codec.message.ListMembers;
import chatroom.codec.message.ListRooms;
import chatroom.codec.message.ListUsers;
import chatroom.codec.message.Login;
import chatroom.codec.message.Logout;
import chatroom.codec.message.DeleteMessage;
import chatroom.codec.message.EditMessage;
import chatroom.codec.message.ListConversations;
import chatroom.codec.message.MarkRead;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Results.ConversationsResult;
import chatroom.codec.message.Results.MessageRef;
import chatroom.codec.message.Results.SearchResult;
import chatroom.codec.message.Search;
import chatroom.codec.message.Ping;
import chatroom.codec.message.Register;
import chatroom.codec.message.Request;
import chatroom.codec.message.Results.HistoryResult;
import chatroom.codec.message.Results.JoinResult;
import chatroom.codec.message.Results.LoginResult;
import chatroom.codec.message.Results.MembersResult;
import chatroom.codec.message.Results.RoomsResult;
import chatroom.codec.message.Results.SendResult;
import chatroom.codec.message.Results.UserResult;
import chatroom.codec.message.Results.UsersResult;
import chatroom.codec.message.Send;
import chatroom.codec.message.SetTopic;
import chatroom.codec.message.Unban;
import chatroom.codec.message.Welcome;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The asynchronous chat client: every request returns a {@link CompletableFuture} of its typed
 * result, failing with {@link ChatException} (the server's error code, or a timeout). Messages and
 * events go to {@link ChatListener}s. It reconnects by itself and resumes where the application
 * left off, so listeners see every message exactly once and in order. For scripts and tests,
 * {@link #blocking()} gives the same calls that wait.
 *
 * <pre>{@code
 * ChatClient client = ChatClient.create(ClientOptions.builder().host("localhost").port(8888).build());
 * client.addListener(new ChatListener() {
 *     public void onMessage(ChatMessage m) { System.out.println(m.from() + ": " + m.text()); }
 * });
 * client.connect().join();
 * client.login("alice", "correct horse").join();
 * client.join("lobby").join();
 * client.send("lobby", "你好").join();
 * }</pre>
 */
public final class ChatClient implements AutoCloseable {

    private FileTransfers files;

    private final ClientConnection connection;
    private final ClientOptions options;

    private ChatClient(ClientOptions options) {
        this.options = options;
        this.connection = new ClientConnection(options);
    }

    public static ChatClient create(ClientOptions options) {
        return new ChatClient(options);
    }

    public ChatClient addListener(ChatListener listener) {
        connection.addListener(listener);
        return this;
    }

    /** Connects; completes with the server's {@code welcome}. */
    public CompletableFuture<Welcome> connect() {
        return connection.connect();
    }

    public ConnectionState state() {
        return connection.state();
    }

    /** The logged-in user, or null. */
    public String user() {
        return connection.user();
    }

    /** The login token (for logging in again later without the password), or null. */
    public String token() {
        return connection.token();
    }

    public Welcome welcome() {
        return connection.welcome();
    }

    /** The rooms this client joined in this run; they are rejoined after a reconnect. */
    public Set<String> joinedRooms() {
        return connection.rooms();
    }

    /** The last seq delivered per conversation ({@code r:room} or {@code d:user}). */
    public Map<String, Long> positions() {
        return connection.positions();
    }

    // ---- requests ----

    /** Creates an account; retried when the server answers {@code busy} (see {@link ClientOptions#loginRetries}). */
    public CompletableFuture<UserResult> register(String user, String password) {
        return retried(() -> call(id -> new Register(id, user, password), UserResult.class));
    }

    /** Logs in with a password; retried when the server answers {@code busy} or asks to retry later. */
    public CompletableFuture<LoginResult> login(String user, String password) {
        return retried(() -> call(id -> new Login(id, user, password, null), LoginResult.class));
    }

    /** Creates the account and logs in with it, in one request and one password hash on the server. */
    public CompletableFuture<LoginResult> registerAndLogin(String user, String password) {
        return retried(() -> call(id -> new Register(id, user, password, true), LoginResult.class));
    }

    public CompletableFuture<LoginResult> loginWithToken(String token) {
        return call(id -> new Login(id, null, null, token), LoginResult.class);
    }

    /** Logs out; the server closes the connection and this client does not reconnect. */
    public CompletableFuture<Void> logout() {
        return call(Logout::new, Object.class).thenApply(ok -> null);
    }

    public CompletableFuture<JoinResult> join(String room) {
        return call(id -> new Join(id, room, null, null), JoinResult.class);
    }

    /** Joins and has the server push the messages after {@code since}. */
    public CompletableFuture<JoinResult> join(String room, long since) {
        return call(id -> new Join(id, room, since, null), JoinResult.class);
    }

    public CompletableFuture<Void> leave(String room) {
        return call(id -> new Leave(id, room), Object.class).thenApply(ok -> null);
    }

    public CompletableFuture<RoomsResult> rooms() {
        return call(ListRooms::new, RoomsResult.class);
    }

    public CompletableFuture<MembersResult> members(String room) {
        return call(id -> new ListMembers(id, room), MembersResult.class);
    }

    public CompletableFuture<UsersResult> users() {
        return call(ListUsers::new, UsersResult.class);
    }

    public CompletableFuture<Void> topic(String room, String topic) {
        return call(id -> new SetTopic(id, room, topic), Object.class).thenApply(ok -> null);
    }

    /** Sends to a room. A cid is attached, so a send cut off by a reconnect goes again exactly once. */
    public CompletableFuture<SendResult> send(String room, String text) {
        String cid = newCid();
        return call(id -> new Send(id, room, null, text, cid), SendResult.class);
    }

    /** Sends a direct message to a user. */
    public CompletableFuture<SendResult> sendDirect(String toUser, String text) {
        String cid = newCid();
        return call(id -> new Send(id, null, toUser, text, cid), SendResult.class);
    }

    /** A room's stored messages; {@code before}, {@code after} and {@code limit} may be null. */
    public CompletableFuture<HistoryResult> history(String room, Long before, Long after, Integer limit) {
        return call(id -> new History(id, room, null, before, after, limit), HistoryResult.class);
    }

    /** The direct messages with a user. */
    public CompletableFuture<HistoryResult> historyWith(String user, Long before, Long after, Integer limit) {
        return call(id -> new History(id, null, user, before, after, limit), HistoryResult.class);
    }

    public CompletableFuture<Void> kick(String room, String user, String reason) {
        return call(id -> new Kick(id, room, user, reason), Object.class).thenApply(ok -> null);
    }

    public CompletableFuture<Void> ban(String user, String reason) {
        return call(id -> new Ban(id, user, reason), Object.class).thenApply(ok -> null);
    }

    public CompletableFuture<Void> unban(String user) {
        return call(id -> new Unban(id, user), Object.class).thenApply(ok -> null);
    }

    /** Creates a private room (only invited users may join) and joins it. */
    public CompletableFuture<JoinResult> createPrivate(String room) {
        return call(id -> new Join(id, room, null, true), JoinResult.class);
    }

    /** Makes a user a member of a room (any member; only the owner of a private room). */
    public CompletableFuture<Void> invite(String room, String user) {
        return call(id -> new Invite(id, room, user), Object.class).thenApply(ok -> null);
    }

    /** Mutes a member of a room (owner or admin) for {@code seconds}, or until unmuted when null. */
    public CompletableFuture<Void> mute(String room, String user, Long seconds) {
        return call(id -> new Mute(id, room, user, seconds), Object.class).thenApply(ok -> null);
    }

    public CompletableFuture<Void> unmute(String room, String user) {
        return call(id -> new Unmute(id, room, user), Object.class).thenApply(ok -> null);
    }

    /** Admin: removes an account (its messages stay). */
    public CompletableFuture<Void> deleteUser(String user) {
        return call(id -> new UserDelete(id, user), Object.class).thenApply(ok -> null);
    }

    /** Admin: makes an account a server admin (its open sessions too). */
    public CompletableFuture<Void> grantAdmin(String user) {
        return call(id -> new AdminGrant(id, user), Object.class).thenApply(ok -> null);
    }

    /** Admin: takes an account's admin rights away (its open sessions too); the last admin stays. */
    public CompletableFuture<Void> revokeAdmin(String user) {
        return call(id -> new AdminRevoke(id, user), Object.class).thenApply(ok -> null);
    }

    /** Admin: renames an account; its messages and conversations follow. */
    public CompletableFuture<Void> renameUser(String user, String newName) {
        return call(id -> new UserRename(id, user, newName), Object.class).thenApply(ok -> null);
    }

    /** Admin: sets a new password; the user's sessions and tokens end. */
    public CompletableFuture<Void> resetPassword(String user, String password) {
        return call(id -> new UserReset(id, user, password), Object.class).thenApply(ok -> null);
    }

    /** Admin: deletes a room (its messages are kept, detached). */
    public CompletableFuture<Void> deleteRoom(String room) {
        return call(id -> new RoomDelete(id, room), Object.class).thenApply(ok -> null);
    }

    /** Admin: renames a room with its messages and files. */
    public CompletableFuture<Void> renameRoom(String room, String newName) {
        return call(id -> new RoomRename(id, room, newName), Object.class).thenApply(ok -> null);
    }

    // ---- never miss a message (protocol section 10) ----

    /** Marks a room read up to {@code seq}; completes with the marker now (it never moves back). */
    public CompletableFuture<MessageRef> read(String room, long seq) {
        return call(id -> new MarkRead(id, room, null, seq), MessageRef.class);
    }

    /** Marks the direct conversation with a user read up to {@code seq}. */
    public CompletableFuture<MessageRef> readWith(String user, long seq) {
        return call(id -> new MarkRead(id, null, user, seq), MessageRef.class);
    }

    /**
     * The user's rooms and direct conversations, most recent activity first, with unread and
     * mention counts; {@code limit} may be null (the server's default, 100).
     */
    public CompletableFuture<ConversationsResult> conversations(Integer limit) {
        return call(id -> new ListConversations(id, limit), ConversationsResult.class);
    }

    /** Replaces the text of this user's message in a room. */
    public CompletableFuture<MessageRef> edit(String room, long seq, String text) {
        return call(id -> new EditMessage(id, room, null, seq, text), MessageRef.class);
    }

    /** Replaces the text of this user's direct message to or from {@code user}. */
    public CompletableFuture<MessageRef> editWith(String user, long seq, String text) {
        return call(id -> new EditMessage(id, null, user, seq, text), MessageRef.class);
    }

    /** Deletes a message of a room (this user's own; any, for the room's owner or an admin). */
    public CompletableFuture<MessageRef> delete(String room, long seq) {
        return call(id -> new DeleteMessage(id, room, null, seq), MessageRef.class);
    }

    /** Deletes this user's direct message in the conversation with {@code user}. */
    public CompletableFuture<MessageRef> deleteWith(String user, long seq) {
        return call(id -> new DeleteMessage(id, null, user, seq), MessageRef.class);
    }

    /**
     * Full-text search, newest first, over the user's rooms and direct conversations, or only
     * {@code room} or only the conversation {@code with} a user; {@code before} (a {@code ts}) pages
     * back. Every argument but {@code q} may be null.
     */
    public CompletableFuture<SearchResult> search(String q, String room, String with, Long before, Integer limit) {
        return call(id -> new Search(id, q, room, with, before, limit), SearchResult.class);
    }

    /** Round trip to the server; completes with the time it took in nanoseconds. */
    public CompletableFuture<Long> ping() {
        long start = System.nanoTime();
        return connection.request(id -> new Ping(id, null)).thenApply(pong -> System.nanoTime() - start);
    }

    /** Any request; completes with the raw reply ({@link Ok} or {@code pong}). */
    public CompletableFuture<Object> request(Function<Long, Request> build) {
        return connection.request(build);
    }

    private <T> CompletableFuture<T> retried(Supplier<CompletableFuture<T>> send) {
        return RetryLater.call(send, options.loginRetries(), options.requestTimeout());
    }

    private <T> CompletableFuture<T> call(Function<Long, Request> build, Class<T> resultType) {
        return connection.request(build).thenApply(reply -> resultType == Object.class
                ? resultType.cast(reply) : ChatJson.convert(((Ok) reply).result(), resultType));
    }

    private static String newCid() {
        return UUID.randomUUID().toString();
    }

    /** Drops the socket as a network failure would (the client reconnects and resumes). */
    public void dropConnection() {
        connection.dropConnection();
    }

    /** Uploads and downloads of room files through this client (created on first use). */
    public synchronized FileTransfers files() {
        if (files == null) {
            files = new FileTransfers(this);
        }
        return files;
    }

    /** Whether the caller is on this client's own thread (in a listener), where waiting for a reply would deadlock. */
    boolean onClientThread() {
        return connection.inEventLoop();
    }

    /** A facade whose calls wait for their results. */
    public BlockingChatClient blocking() {
        return new BlockingChatClient(this);
    }

    /** Closes the connection for good. */
    @Override
    public void close() {
        synchronized (this) {
            if (files != null) {
                files.close();
            }
        }
        connection.close();
    }
}

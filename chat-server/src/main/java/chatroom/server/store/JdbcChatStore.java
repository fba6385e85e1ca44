package chatroom.server.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * The store on a SQL database through JDBC: the embedded SQLite file by default
 * ({@link SqliteDatabase}), or PostgreSQL ({@link PostgresDatabase}). A transaction is committed
 * durably before anything about it is acknowledged.
 *
 * <p>A composition, as HiveMQ's persistences around its {@code SingleWriterService}: writes queue
 * up for one writer thread, which takes everything queued (up to {@code maxCommitBatch}) and commits
 * it as one transaction ({@link GroupCommitWriter}); reads run on a {@link ReaderPool}. The SQL of
 * each kind of data lives in its own class ({@link UserSql}, {@link RoomSql}, {@link MessageSql},
 * {@link FileSql}), start-up in {@link SnapshotLoader}; this class opens the database, wires them,
 * and hands each call to the one it concerns.
 *
 * <p>Threading: any thread may call it; SQL runs only on the writer or a reader thread.
 */
public final class JdbcChatStore implements ChatStore {

    private final Database db;
    private final GroupCommitWriter writer;
    private final ReaderPool readers;
    private final UserSql users;
    private final RoomSql rooms;
    private final MessageSql messages;
    private final FileSql files;
    private final SnapshotLoader snapshots;

    private JdbcChatStore(Database db, int maxCommitBatch) {
        this.db = db;
        this.readers = new ReaderPool(db);
        this.writer = new GroupCommitWriter(db, maxCommitBatch);
        SqlExecutor sql = new SqlExecutor(writer, readers);
        this.users = new UserSql(sql, db);
        this.rooms = new RoomSql(sql, db);
        this.messages = new MessageSql(sql, db);
        this.files = new FileSql(sql, db);
        this.snapshots = new SnapshotLoader(sql, db, users, rooms);
    }

    /**
     * Opens (creating when absent) the embedded store in {@code dataDir}.
     *
     * @throws StoreException when the directory or database cannot be used, or the database is
     *                        damaged: the server must not start on it
     */
    public static JdbcChatStore openSqlite(Path dataDir, int maxCommitBatch) {
        return openSqlite(dataDir, maxCommitBatch, 0);
    }

    /** How long a request waits for a PostgreSQL connection by default (HikariCP's own default is 30 s). */
    public static final int DEFAULT_CONNECTION_TIMEOUT_MS = 10_000;

    /**
     * Opens the embedded store with a size limit for the database file ({@code maxBytes}, 0 for
     * none); past it, writes fail like on a full disk.
     */
    public static JdbcChatStore openSqlite(Path dataDir, int maxCommitBatch, long maxBytes) {
        return new JdbcChatStore(new SqliteDatabase(dataDir, maxBytes), maxCommitBatch);
    }

    /**
     * Opens the store in a PostgreSQL database ({@code jdbc:postgresql://HOST:PORT/DB}), migrating
     * its schema first.
     *
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static JdbcChatStore openPostgres(String jdbcUrl, String user, String password, int maxCommitBatch) {
        return openPostgres(jdbcUrl, user, password, maxCommitBatch, DEFAULT_CONNECTION_TIMEOUT_MS);
    }

    /**
     * Opens the store in PostgreSQL; a request that finds no connection within {@code connectionTimeoutMs}
     * (the database down or restarting) fails instead of waiting on. The URL may list several hosts
     * ({@code jdbc:postgresql://H1:P1,H2:P2/DB?targetServerType=primary}): each new connection goes to the
     * one that is primary then, so after a standby is promoted the pool's new connections go there.
     */
    public static JdbcChatStore openPostgres(String jdbcUrl, String user, String password, int maxCommitBatch,
                                             int connectionTimeoutMs) {
        return new JdbcChatStore(new PostgresDatabase(jdbcUrl, user, password, ReaderPool.THREADS + 2,
                connectionTimeoutMs), maxCommitBatch);
    }

    /** Hears how long each transaction took, from its first write to its durable commit, in nanoseconds. */
    public void setCommitTimer(LongConsumer commitTimer) {
        writer.setCommitTimer(commitTimer);
    }

    @Override
    public void setCommitListener(CommitListener listener) {
        writer.setCommitListener(listener);
    }

    @Override
    public StoreSnapshot load() {
        return snapshots.load();
    }

    @Override
    public StoreHealth health() {
        return writer.health();
    }

    @Override
    public void close() {
        writer.close();
        readers.close();
        db.close();
    }

    // ---- users and tokens ----

    @Override
    public CompletableFuture<UserRecord> createUser(String name, String passwordHash, long createdTs, boolean admin) {
        return users.createUser(name, passwordHash, createdTs, admin);
    }

    @Override
    public CompletableFuture<Optional<UserRecord>> findUser(String name) {
        return users.findUser(name);
    }

    @Override
    public CompletableFuture<Optional<UserRecord>> findAccount(String name) {
        return users.findAccount(name);
    }

    @Override
    public CompletableFuture<Void> setAdmin(String user, boolean admin) {
        return users.setAdmin(user, admin);
    }

    @Override
    public CompletableFuture<Void> setBanned(String user, boolean banned) {
        return users.setBanned(user, banned);
    }

    @Override
    public CompletableFuture<Void> saveToken(String tokenHash, String user, long expiresAtMs) {
        return users.saveToken(tokenHash, user, expiresAtMs);
    }

    @Override
    public CompletableFuture<Optional<UserRecord>> findUserByToken(String tokenHash, long nowMs) {
        return users.findUserByToken(tokenHash, nowMs);
    }

    @Override
    public CompletableFuture<Void> deleteToken(String tokenHash) {
        return users.deleteToken(tokenHash);
    }

    @Override
    public CompletableFuture<Void> deleteTokensOf(String user) {
        return users.deleteTokensOf(user);
    }

    @Override
    public CompletableFuture<Void> setPassword(String user, String passwordHash) {
        return users.setPassword(user, passwordHash);
    }

    @Override
    public CompletableFuture<Void> deleteUser(String user) {
        return users.deleteUser(user);
    }

    @Override
    public CompletableFuture<Void> renameUser(String user, String newName) {
        return users.renameUser(user, newName);
    }

    // ---- rooms ----

    @Override
    public CompletableFuture<RoomRecord> createRoom(String name, String owner, boolean privateRoom, long createdTs) {
        return rooms.createRoom(name, owner, privateRoom, createdTs);
    }

    @Override
    public CompletableFuture<Void> addMember(String room, String user) {
        return rooms.addMember(room, user);
    }

    @Override
    public CompletableFuture<Void> removeMember(String room, String user) {
        return rooms.removeMember(room, user);
    }

    @Override
    public CompletableFuture<Void> setTopic(String room, String topic) {
        return rooms.setTopic(room, topic);
    }

    @Override
    public CompletableFuture<Void> setMute(String room, String user, long untilMs) {
        return rooms.setMute(room, user, untilMs);
    }

    @Override
    public CompletableFuture<Void> removeMute(String room, String user) {
        return rooms.removeMute(room, user);
    }

    @Override
    public CompletableFuture<Void> deleteRoom(String room, long ts) {
        return rooms.deleteRoom(room, ts);
    }

    @Override
    public CompletableFuture<Void> renameRoom(String room, String newName) {
        return rooms.renameRoom(room, newName);
    }

    // ---- messages ----

    @Override
    public CompletableFuture<AppendResult> append(NewMessage message) {
        return messages.append(message);
    }

    @Override
    public CompletableFuture<List<StoredMessage>> history(Conversation conversation, Long before, Long after,
                                                         int limit) {
        return messages.history(conversation, before, after, limit);
    }

    @Override
    public CompletableFuture<Long> latestSeq(Conversation conversation) {
        return messages.latestSeq(conversation);
    }

    @Override
    public CompletableFuture<ReadMarker> markRead(String userKey, Conversation conversation, long seq) {
        return messages.markRead(userKey, conversation, seq);
    }

    @Override
    public CompletableFuture<ConversationPage> conversations(String userKey, int limit) {
        return messages.conversations(userKey, limit);
    }

    @Override
    public CompletableFuture<MessageChange> edit(Conversation conversation, long seq, String editorKey, String text,
                                                 List<String> mentions, long ts) {
        return messages.edit(conversation, seq, editorKey, text, mentions, ts);
    }

    @Override
    public CompletableFuture<MessageChange> delete(Conversation conversation, long seq, String actorKey,
                                                   boolean mayDeleteAnyones) {
        return messages.delete(conversation, seq, actorKey, mayDeleteAnyones);
    }

    @Override
    public CompletableFuture<List<StoredMessage>> search(SearchQuery query) {
        return messages.search(query);
    }

    // ---- files ----

    @Override
    public CompletableFuture<Void> addFile(FileRecord file) {
        return files.addFile(file);
    }

    @Override
    public CompletableFuture<FileBytes> fileBytes(String uploader) {
        return files.fileBytes(uploader);
    }

    @Override
    public CompletableFuture<List<FileRecord>> files(String room) {
        return files.files(room);
    }

    @Override
    public CompletableFuture<Optional<FileRecord>> file(String fileId) {
        return files.file(fileId);
    }
}

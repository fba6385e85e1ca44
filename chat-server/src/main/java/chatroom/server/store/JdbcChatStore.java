package chatroom.server.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The store on a SQL database through JDBC: the embedded SQLite file by default
 * ({@link SqliteDatabase}), or PostgreSQL ({@link PostgresDatabase}). A transaction is committed
 * durably before anything about it is acknowledged.
 *
 * <p>Writes queue up for one writer thread, which takes everything queued (up to
 * {@code maxCommitBatch}) and commits it as one transaction ({@link GroupCommitWriter}); reads run on
 * a {@link ReaderPool}. Sequence numbers come from a counter row per conversation, updated in the
 * transaction that stores the message ({@link WriteTransaction}), so several servers may share one
 * PostgreSQL database. This class holds the SQL of every operation.
 *
 * <p>Threading: any thread may call it; SQL runs only on the writer or a reader thread.
 */
public final class JdbcChatStore implements ChatStore {

    private static final String MESSAGE_COLUMNS = "conv, seq, ts, sender, recipient, text, cid";
    private static final String USER_COLUMNS = "u.id, u.name, u.password_hash, u.banned, u.admin, u.deleted, u.created";
    /** A tombstone's password hash: no hash function yields it, so no password matches. */
    private static final String UNUSABLE_PASSWORD_HASH = "!deleted";

    private final Database db;
    private final GroupCommitWriter writer;
    private final ReaderPool readers;

    private JdbcChatStore(Database db, int maxCommitBatch) {
        this.db = db;
        this.readers = new ReaderPool(db);
        this.writer = new GroupCommitWriter(db, maxCommitBatch);
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
        return new JdbcChatStore(new PostgresDatabase(jdbcUrl, user, password, ReaderPool.THREADS + 2), maxCommitBatch);
    }


    /** Hears how long each transaction took, from its first write to its durable commit, in nanoseconds. */
    public void setCommitTimer(java.util.function.LongConsumer commitTimer) {
        writer.setCommitTimer(commitTimer);
    }

    @Override
    public void setCommitListener(CommitListener listener) {
        writer.setCommitListener(listener);
    }

    // ---- start-up ----

    @Override
    public StoreSnapshot load() {
        migrateNameKeys();
        return submit(tx -> {
            long now = System.currentTimeMillis();
            try (PreparedStatement lobby = tx.prepare(
                    "INSERT INTO rooms(name_key, name, owner, topic, private, created) VALUES (?, ?, NULL, '', 0, ?)"
                            + " ON CONFLICT DO NOTHING")) {
                lobby.setString(1, Names.key(LOBBY));
                lobby.setString(2, LOBBY);
                lobby.setLong(3, now);
                lobby.executeUpdate();
            }
            try (PreparedStatement expired = tx.prepare("DELETE FROM tokens WHERE expires_at <= ?")) {
                expired.setLong(1, now);
                expired.executeUpdate();
            }
            List<RoomRecord> rooms = new ArrayList<>();
            try (PreparedStatement st = tx.prepare("SELECT r.name, r.owner, r.topic, r.private, r.created,"
                    + " (SELECT coalesce(max(seq), 0) FROM messages m WHERE m.conv = 'r:' || r.name_key), r.name_key"
                    + " FROM rooms r"); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (isShadowed(rs.getString(1), rs.getString(7))) {
                        continue;
                    }
                    rooms.add(new RoomRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) != 0,
                            rs.getLong(5), rs.getLong(6)));
                }
            }
            Map<String, List<String>> members = new HashMap<>();
            try (PreparedStatement st = tx.prepare("SELECT m.room_key, u.name, u.name_key FROM memberships m"
                    + " JOIN users u ON u.name_key = m.user_key"); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (isShadowed(rs.getString(2), rs.getString(3))) {
                        continue;
                    }
                    members.computeIfAbsent(rs.getString(1), key -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            Map<String, Map<String, Long>> mutes = new HashMap<>();
            try (PreparedStatement st = tx.prepare("SELECT room_key, user_key, until FROM mutes WHERE until = 0 OR until > ?")) {
                st.setLong(1, now);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        mutes.computeIfAbsent(rs.getString(1), key -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
                    }
                }
            }
            return new StoreSnapshot(rooms, members, mutes);
        }).join();
    }

    /** Re-keys stored names made under an older {@link Names#key} rule, in one transaction of its own. */
    private void migrateNameKeys() {
        submitVoid(tx -> {
            NameKeyMigration.run(tx, db.startupLock(),
                    (t, oldKey, newKey, name) -> moveUser(t, oldKey, name, newKey, name),
                    (t, oldKey, newKey, name) -> moveRoom(t, oldKey, newKey, name));
            return null;
        }).join();
    }

    /**
     * A name the key migration left on its old key because its new key is another's: in memory its
     * name would stand for that other user or room, so it is not loaded (see {@link NameKeyMigration}).
     */
    private static boolean isShadowed(String name, String storedKey) {
        return !Names.key(name).equals(storedKey);
    }

    // ---- users and tokens ----

    @Override
    public CompletableFuture<UserRecord> createUser(String name, String passwordHash, long createdTs, boolean admin) {
        return submit(tx -> {
            String key = Names.key(name);
            if (tx.exists("SELECT 1 FROM users WHERE name_key = ?", key)
                    || tx.exists("SELECT 1 FROM retired_names WHERE name_key = ?", key)) {
                throw new UserExistsException(name);
            }
            try {
                // the id comes from the database: a sequence (PostgreSQL) or a trigger (SQLite, see Schema)
                tx.update("INSERT INTO users(name_key, name, password_hash, banned, admin, deleted, created)"
                        + " VALUES (?, ?, ?, 0, ?, 0, ?)", key, name, passwordHash, admin ? 1 : 0, createdTs);
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    throw new UserExistsException(name); // another server registered it just now
                }
                throw e;
            }
            long id = tx.queryLong("SELECT id FROM users WHERE name_key = ?", key);
            tx.update("INSERT INTO memberships(room_key, user_key) VALUES (?, ?) ON CONFLICT DO NOTHING", Names.key(LOBBY), key);
            return new UserRecord(id, name, passwordHash, false, admin, false, createdTs);
        });
    }

    @Override
    public CompletableFuture<Optional<UserRecord>> findUser(String name) {
        return findAccount(name).thenApply(found -> found.filter(user -> !user.deleted()));
    }

    @Override
    public CompletableFuture<Optional<UserRecord>> findAccount(String name) {
        return read(connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT " + USER_COLUMNS + " FROM users u WHERE u.name_key = ?")) {
                st.setString(1, Names.key(name));
                return oneUser(st);
            }
        });
    }

    @Override
    public CompletableFuture<Void> setAdmin(String user, boolean admin) {
        String key = Names.key(user);
        return submitVoid(tx -> {
            if (!admin) {
                refuseLastAdmin(tx, key, user);
            }
            return tx.update("UPDATE users SET admin = ? WHERE name_key = ? AND deleted = 0", admin ? 1 : 0, key);
        });
    }

    /** Fails when the account of {@code key} is the only admin left. */
    private static void refuseLastAdmin(WriteTransaction tx, String key, String user) throws SQLException {
        if (tx.exists("SELECT 1 FROM users WHERE name_key = ? AND admin = 1 AND deleted = 0", key)
                && tx.queryLong("SELECT count(*) FROM users WHERE admin = 1 AND deleted = 0") <= 1) {
            throw new LastAdminException(user);
        }
    }

    // ---- files ----

    @Override
    public CompletableFuture<Void> addFile(FileRecord file) {
        return submitVoid(tx -> tx.update(
                "INSERT INTO files(file_id, room_key, name, size, sha256, sender, ts) VALUES (?, ?, ?, ?, ?, ?, ?)",
                file.fileId(), Names.key(file.room()), file.name(), file.size(), file.sha256(), file.from(), file.ts()));
    }

    @Override
    public CompletableFuture<FileBytes> fileBytes(String uploader) {
        return read(connection -> {
            try (PreparedStatement st = connection.prepareStatement("SELECT COALESCE(SUM(CASE WHEN sender = ?"
                    + " THEN size ELSE 0 END), 0), COALESCE(SUM(size), 0) FROM files")) {
                st.setString(1, uploader);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new FileBytes(rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    @Override
    public CompletableFuture<List<FileRecord>> files(String room) {
        return read(connection -> {
            try (PreparedStatement st = connection.prepareStatement("SELECT f.file_id, r.name, f.name, f.size,"
                    + " f.sha256, f.sender, f.ts FROM files f JOIN rooms r ON r.name_key = f.room_key"
                    + " WHERE f.room_key = ? ORDER BY " + db.filesInUploadOrder())) {
                st.setString(1, Names.key(room));
                List<FileRecord> files = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        files.add(fileRecord(rs));
                    }
                }
                return files;
            }
        });
    }

    @Override
    public CompletableFuture<Optional<FileRecord>> file(String fileId) {
        return read(connection -> {
            try (PreparedStatement st = connection.prepareStatement("SELECT f.file_id, r.name, f.name, f.size,"
                    + " f.sha256, f.sender, f.ts FROM files f JOIN rooms r ON r.name_key = f.room_key"
                    + " WHERE f.file_id = ?")) {
                st.setString(1, fileId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(fileRecord(rs)) : Optional.empty();
                }
            }
        });
    }

    private static FileRecord fileRecord(ResultSet rs) throws SQLException {
        return new FileRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getLong(7));
    }

    private static Optional<UserRecord> oneUser(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.of(new UserRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                    rs.getInt(4) != 0, rs.getInt(5) != 0, rs.getInt(6) != 0, rs.getLong(7))) : Optional.empty();
        }
    }

    @Override
    public CompletableFuture<Void> setMute(String room, String user, long untilMs) {
        return submitVoid(tx -> tx.update("INSERT INTO mutes(room_key, user_key, until) VALUES (?, ?, ?)"
                + " ON CONFLICT (room_key, user_key) DO UPDATE SET until = excluded.until",
                Names.key(room), Names.key(user), untilMs));
    }

    @Override
    public CompletableFuture<Void> removeMute(String room, String user) {
        return submitVoid(tx -> tx.update("DELETE FROM mutes WHERE room_key = ? AND user_key = ?", Names.key(room),
                Names.key(user)));
    }

    @Override
    public CompletableFuture<Void> setPassword(String user, String passwordHash) {
        return submitVoid(tx -> {
            tx.update("UPDATE users SET password_hash = ? WHERE name_key = ?", passwordHash, Names.key(user));
            return tx.update("DELETE FROM tokens WHERE user_key = ?", Names.key(user));
        });
    }

    @Override
    public CompletableFuture<Void> deleteUser(String user) {
        String key = Names.key(user);
        return submitVoid(tx -> {
            refuseLastAdmin(tx, key, user);
            tx.update("DELETE FROM tokens WHERE user_key = ?", key);
            tx.update("DELETE FROM memberships WHERE user_key = ?", key);
            tx.update("DELETE FROM mutes WHERE user_key = ?", key);
            tx.update("DELETE FROM read_markers WHERE user_key = ?", key);
            tx.update("DELETE FROM mentions WHERE user_key = ?", key);
            tx.update("DELETE FROM direct_peers WHERE user_key = ?", key);
            // the row stays as a tombstone: its id and name are never given to another account
            return tx.update("UPDATE users SET deleted = 1, admin = 0, password_hash = ? WHERE name_key = ?",
                    UNUSABLE_PASSWORD_HASH, key);
        });
    }

    @Override
    public CompletableFuture<Void> renameUser(String user, String newName) {
        String oldKey = Names.key(user);
        String newKey = Names.key(newName);
        return submitVoid(tx -> {
            Long id = tx.queryLong("SELECT id FROM users WHERE name_key = ?", oldKey);
            if (!oldKey.equals(newKey) && (tx.exists("SELECT 1 FROM users WHERE name_key = ?", newKey)
                    || tx.exists("SELECT 1 FROM retired_names WHERE name_key = ? AND user_id <> ?", newKey, id))) {
                throw new UserExistsException(newName);
            }
            String oldName;
            try (PreparedStatement st = tx.prepare("SELECT name FROM users WHERE name_key = ?")) {
                st.setString(1, oldKey);
                try (ResultSet rs = st.executeQuery()) {
                    oldName = rs.next() ? rs.getString(1) : user;
                }
            }
            moveUser(tx, oldKey, oldName, newKey, newName);
            if (id != null && !oldKey.equals(newKey)) {
                // the old name stays the account's: a stranger taking it would look like this account
                tx.update("DELETE FROM retired_names WHERE name_key = ?", newKey);
                tx.update("INSERT INTO retired_names(name_key, user_id) VALUES (?, ?)"
                        + " ON CONFLICT (name_key) DO UPDATE SET user_id = excluded.user_id", oldKey, id);
            }
            return null;
        });
    }

    /**
     * What a rename does, by key: moves a user's row and everything that refers to its key or name
     * (tokens, memberships, mutes, rooms owned, files, messages; direct conversations are keyed by
     * account ids and stay put). Also what
     * {@link NameKeyMigration} re-keys a stored name with.
     */
    private void moveUser(WriteTransaction tx, String oldKey, String oldName, String newKey, String newName)
            throws SQLException {
        // keys move in parent and child tables one after the other: check references at commit
        tx.update(db.deferForeignKeys());
        tx.update("UPDATE users SET name_key = ?, name = ? WHERE name_key = ?", newKey, newName, oldKey);
        tx.update("UPDATE tokens SET user_key = ? WHERE user_key = ?", newKey, oldKey);
        tx.update("UPDATE memberships SET user_key = ? WHERE user_key = ?", newKey, oldKey);
        tx.update("UPDATE read_markers SET user_key = ? WHERE user_key = ?", newKey, oldKey);
        tx.update("UPDATE mentions SET user_key = ? WHERE user_key = ?", newKey, oldKey);
        tx.update("UPDATE direct_peers SET user_key = ? WHERE user_key = ?", newKey, oldKey);
        tx.update("UPDATE direct_peers SET peer_key = ?, peer = ? WHERE peer_key = ?", newKey, newName, oldKey);
        tx.update("UPDATE deleted_messages SET sender_key = ? WHERE sender_key = ?", newKey, oldKey);
        tx.update("UPDATE mutes SET user_key = ? WHERE user_key = ?", newKey, oldKey);
        tx.update("UPDATE rooms SET owner = ? WHERE owner = ?", newName, oldName);
        tx.update("UPDATE files SET sender = ? WHERE sender = ?", newName, oldName);
        tx.update("UPDATE messages SET sender = ?, sender_key = ? WHERE sender_key = ?", newName, newKey, oldKey);
        tx.update("UPDATE messages SET recipient = ? WHERE recipient = ?", newName, oldName);
        tx.update(db.immediateForeignKeys()); // consistent again; later writes of the batch check at once
    }

    @Override
    public CompletableFuture<Void> deleteRoom(String room, long ts) {
        String key = Names.key(room);
        String conv = Conversation.room(room).key();
        // the messages and files stay, under a key no room can have, so a new room of that name starts empty
        String archived = "x:" + key + ":" + ts;
        return submitVoid(tx -> {
            tx.update("DELETE FROM memberships WHERE room_key = ?", key);
            tx.update("DELETE FROM mutes WHERE room_key = ?", key);
            tx.update("UPDATE files SET room_key = ? WHERE room_key = ?", archived, key);
            tx.update("UPDATE messages SET conv = ? WHERE conv = ?", archived, conv);
            tx.update("DELETE FROM rooms WHERE name_key = ?", key);
            tx.moveConversation(conv, null);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> renameRoom(String room, String newName) {
        String oldKey = Names.key(room);
        String newKey = Names.key(newName);
        return submitVoid(tx -> {
            if (!oldKey.equals(newKey) && tx.exists("SELECT 1 FROM rooms WHERE name_key = ?", newKey)) {
                throw new RoomExistsException(newName);
            }
            moveRoom(tx, oldKey, newKey, newName);
            return null;
        });
    }

    /**
     * What a room rename does, by key: moves the room's row, memberships, mutes, files and messages.
     * Also what {@link NameKeyMigration} re-keys a stored room name with.
     */
    private void moveRoom(WriteTransaction tx, String oldKey, String newKey, String newName) throws SQLException {
        tx.update(db.deferForeignKeys());
        tx.update("UPDATE rooms SET name_key = ?, name = ? WHERE name_key = ?", newKey, newName, oldKey);
        tx.update("UPDATE memberships SET room_key = ? WHERE room_key = ?", newKey, oldKey);
        tx.update("UPDATE mutes SET room_key = ? WHERE room_key = ?", newKey, oldKey);
        tx.update("UPDATE files SET room_key = ? WHERE room_key = ?", newKey, oldKey);
        if (!oldKey.equals(newKey)) {
            String from = "r:" + oldKey;
            String to = "r:" + newKey;
            tx.update("UPDATE messages SET conv = ? WHERE conv = ?", to, from);
            tx.moveConversation(from, to);
        }
        tx.update(db.immediateForeignKeys());
    }

    @Override
    public CompletableFuture<Void> setBanned(String user, boolean banned) {
        return submitVoid(tx -> tx.update("UPDATE users SET banned = ? WHERE name_key = ?", banned ? 1 : 0,
                Names.key(user)));
    }

    @Override
    public CompletableFuture<Void> saveToken(String tokenHash, String user, long expiresAtMs) {
        return submitVoid(tx -> tx.update("INSERT INTO tokens(token_hash, user_key, expires_at) VALUES (?, ?, ?)",
                tokenHash, Names.key(user), expiresAtMs));
    }

    @Override
    public CompletableFuture<Optional<UserRecord>> findUserByToken(String tokenHash, long nowMs) {
        return read(connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT " + USER_COLUMNS + " FROM tokens t JOIN users u ON u.name_key = t.user_key"
                            + " WHERE t.token_hash = ? AND t.expires_at > ? AND u.deleted = 0")) {
                st.setString(1, tokenHash);
                st.setLong(2, nowMs);
                return oneUser(st);
            }
        });
    }

    @Override
    public CompletableFuture<Void> deleteToken(String tokenHash) {
        return submitVoid(tx -> tx.update("DELETE FROM tokens WHERE token_hash = ?", tokenHash));
    }

    @Override
    public CompletableFuture<Void> deleteTokensOf(String user) {
        return submitVoid(tx -> tx.update("DELETE FROM tokens WHERE user_key = ?", Names.key(user)));
    }

    // ---- rooms ----

    @Override
    public CompletableFuture<RoomRecord> createRoom(String name, String owner, boolean privateRoom, long createdTs) {
        return submit(tx -> {
            String key = Names.key(name);
            if (tx.exists("SELECT 1 FROM rooms WHERE name_key = ?", key)) {
                throw new RoomExistsException(name);
            }
            try {
                tx.update("INSERT INTO rooms(name_key, name, owner, topic, private, created) VALUES (?, ?, ?, '', ?, ?)",
                        key, name, owner, privateRoom ? 1 : 0, createdTs);
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    throw new RoomExistsException(name); // another server created it just now
                }
                throw e;
            }
            tx.update("INSERT INTO memberships(room_key, user_key) VALUES (?, ?)", key, Names.key(owner));
            return new RoomRecord(name, owner, "", privateRoom, createdTs, 0);
        });
    }

    @Override
    public CompletableFuture<Void> addMember(String room, String user) {
        return submitVoid(tx -> tx.update("INSERT INTO memberships(room_key, user_key) VALUES (?, ?) ON CONFLICT DO NOTHING",
                Names.key(room), Names.key(user)));
    }

    @Override
    public CompletableFuture<Void> removeMember(String room, String user) {
        return submitVoid(tx -> tx.update("DELETE FROM memberships WHERE room_key = ? AND user_key = ?",
                Names.key(room), Names.key(user)));
    }

    @Override
    public CompletableFuture<Void> setTopic(String room, String topic) {
        return submitVoid(tx -> tx.update("UPDATE rooms SET topic = ? WHERE name_key = ?", topic, Names.key(room)));
    }

    // ---- messages ----

    @Override
    public CompletableFuture<AppendResult> append(NewMessage message) {
        return submit(tx -> tx.append(message), message.conversation().key());
    }

    @Override
    public CompletableFuture<List<StoredMessage>> history(Conversation conversation, Long before, Long after,
                                                         int limit) {
        return read(connection -> {
            StringBuilder sql = new StringBuilder("SELECT " + MessageColumns.SELECT + " FROM messages m WHERE conv = ?");
            if (after != null) {
                sql.append(" AND seq > ").append(after);
            }
            if (before != null) {
                sql.append(" AND seq < ").append(before);
            }
            boolean oldestFirst = after != null;
            sql.append(oldestFirst ? " ORDER BY seq ASC" : " ORDER BY seq DESC").append(" LIMIT ?");
            try (PreparedStatement st = connection.prepareStatement(sql.toString())) {
                st.setString(1, conversation.key());
                st.setInt(2, limit);
                List<StoredMessage> messages = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        messages.add(MessageColumns.read(rs));
                    }
                }
                if (!oldestFirst) {
                    Collections.reverse(messages);
                }
                return messages;
            }
        });
    }

    @Override
    public CompletableFuture<Long> latestSeq(Conversation conversation) {
        return read(connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT coalesce(max(seq), 0) FROM messages WHERE conv = ?")) {
                st.setString(1, conversation.key());
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    // ---- protocol section 10 ----

    @Override
    public CompletableFuture<ReadMarker> markRead(String userKey, Conversation conversation, long seq) {
        return submit(tx -> MessageEdits.markRead(tx, userKey, conversation, seq));
    }

    @Override
    public CompletableFuture<ConversationPage> conversations(String userKey, int limit) {
        return read(connection -> ConversationQueries.conversations(connection, userKey, limit));
    }

    @Override
    public CompletableFuture<MessageChange> edit(Conversation conversation, long seq, String editorKey, String text,
                                                 List<String> mentions, long ts) {
        return submit(tx -> MessageEdits.edit(tx, conversation, seq, editorKey, text, mentions, ts));
    }

    @Override
    public CompletableFuture<MessageChange> delete(Conversation conversation, long seq, String actorKey,
                                                   boolean mayDeleteAnyones) {
        return submit(tx -> MessageEdits.delete(tx, conversation, seq, actorKey, mayDeleteAnyones));
    }

    @Override
    public CompletableFuture<List<StoredMessage>> search(SearchQuery query) {
        return read(connection -> ConversationQueries.search(connection, db.searchIndex(), query));
    }

    // ---- the writer and the readers ----

    private <T> CompletableFuture<T> submit(GroupCommitWriter.WriteOp<T> op) {
        return writer.submit(op, null);
    }

    /** Queues a write that takes the next seq of conversation {@code seqCounter} (null: none). */
    private <T> CompletableFuture<T> submit(GroupCommitWriter.WriteOp<T> op, String seqCounter) {
        return writer.submit(op, seqCounter);
    }

    private CompletableFuture<Void> submitVoid(GroupCommitWriter.WriteOp<?> op) {
        return submit(tx -> {
            op.apply(tx);
            return null;
        });
    }

    private <T> CompletableFuture<T> read(ReaderPool.ReadOp<T> op) {
        return readers.read(op);
    }

    @Override
    public StoreHealth health() {
        return writer.health();
    }

    // ---- shutdown ----

    @Override
    public void close() {
        writer.close();
        readers.close();
        db.close();
    }
}

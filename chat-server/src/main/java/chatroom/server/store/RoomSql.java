package chatroom.server.store;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link RoomStore} on SQL: tables {@code rooms}, {@code memberships} and {@code mutes}. A
 * room's messages and files follow it through a rename or deletion in the same transaction
 * ({@link MessageSql}, {@link FileSql}).
 */
final class RoomSql implements RoomStore {

    private final SqlExecutor sql;
    private final Database db;

    RoomSql(SqlExecutor sql, Database db) {
        this.sql = sql;
        this.db = db;
    }

    @Override
    public CompletableFuture<RoomRecord> createRoom(String name, String owner, boolean privateRoom, long createdTs) {
        return sql.write(tx -> {
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
        return sql.writeVoid(tx -> addMembership(tx, Names.key(room), Names.key(user)));
    }

    @Override
    public CompletableFuture<Void> removeMember(String room, String user) {
        return sql.writeVoid(tx -> tx.update("DELETE FROM memberships WHERE room_key = ? AND user_key = ?",
                Names.key(room), Names.key(user)));
    }

    @Override
    public CompletableFuture<Void> setTopic(String room, String topic) {
        return sql.writeVoid(tx -> tx.update("UPDATE rooms SET topic = ? WHERE name_key = ?", topic, Names.key(room)));
    }

    @Override
    public CompletableFuture<Void> setMute(String room, String user, long untilMs) {
        return sql.writeVoid(tx -> tx.update("INSERT INTO mutes(room_key, user_key, until) VALUES (?, ?, ?)"
                + " ON CONFLICT (room_key, user_key) DO UPDATE SET until = excluded.until",
                Names.key(room), Names.key(user), untilMs));
    }

    @Override
    public CompletableFuture<Void> removeMute(String room, String user) {
        return sql.writeVoid(tx -> tx.update("DELETE FROM mutes WHERE room_key = ? AND user_key = ?", Names.key(room),
                Names.key(user)));
    }

    @Override
    public CompletableFuture<Void> deleteRoom(String room, long ts) {
        String key = Names.key(room);
        String conv = Conversation.room(room).key();
        // the messages and files stay, under a key no room can have, so a new room of that name starts empty
        String archived = "x:" + key + ":" + ts;
        return sql.writeVoid(tx -> {
            tx.update("DELETE FROM memberships WHERE room_key = ?", key);
            tx.update("DELETE FROM mutes WHERE room_key = ?", key);
            FileSql.moveRoom(tx, key, archived);
            MessageSql.archiveConversation(tx, conv, archived);
            return tx.update("DELETE FROM rooms WHERE name_key = ?", key);
        });
    }

    @Override
    public CompletableFuture<Void> renameRoom(String room, String newName) {
        String oldKey = Names.key(room);
        String newKey = Names.key(newName);
        return sql.writeVoid(tx -> {
            if (!oldKey.equals(newKey) && tx.exists("SELECT 1 FROM rooms WHERE name_key = ?", newKey)) {
                throw new RoomExistsException(newName);
            }
            move(tx, oldKey, newKey, newName);
            return null;
        });
    }

    /**
     * What a room rename does, by key: moves the room's row, memberships, mutes, files and messages.
     * Also what {@link NameKeyMigration} re-keys a stored room name with.
     */
    void move(WriteTransaction tx, String oldKey, String newKey, String newName) throws SQLException {
        tx.update(db.deferForeignKeys());
        tx.update("UPDATE rooms SET name_key = ?, name = ? WHERE name_key = ?", newKey, newName, oldKey);
        tx.update("UPDATE memberships SET room_key = ? WHERE room_key = ?", newKey, oldKey);
        tx.update("UPDATE mutes SET room_key = ? WHERE room_key = ?", newKey, oldKey);
        FileSql.moveRoom(tx, oldKey, newKey);
        if (!oldKey.equals(newKey)) {
            MessageSql.moveConversation(tx, "r:" + oldKey, "r:" + newKey);
        }
        tx.update(db.immediateForeignKeys());
    }

    // ---- parts of other kinds' writes, in their transaction ----

    /** Adds a membership unless it exists. */
    static int addMembership(WriteTransaction tx, String roomKey, String userKey) throws SQLException {
        return tx.update("INSERT INTO memberships(room_key, user_key) VALUES (?, ?) ON CONFLICT DO NOTHING",
                roomKey, userKey);
    }

    /** A deleted account's memberships and mutes go. */
    static void forgetUser(WriteTransaction tx, String userKey) throws SQLException {
        tx.update("DELETE FROM memberships WHERE user_key = ?", userKey);
        tx.update("DELETE FROM mutes WHERE user_key = ?", userKey);
    }

    /** A rename's part in rooms: memberships, mutes, and the rooms the user owns (by name). */
    static void moveUser(WriteTransaction tx, String oldKey, String oldName, String newKey, String newName)
            throws SQLException {
        tx.update("UPDATE memberships SET user_key = ? WHERE user_key = ?", newKey, oldKey);
        tx.update("UPDATE mutes SET user_key = ? WHERE user_key = ?", newKey, oldKey);
        tx.update("UPDATE rooms SET owner = ? WHERE owner = ?", newName, oldName);
    }
}

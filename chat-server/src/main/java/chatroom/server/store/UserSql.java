package chatroom.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link UserStore} on SQL: tables {@code users} (a deleted account stays as a tombstone row),
 * {@code tokens} (by hash) and {@code retired_names} (names an account had before a rename). What an
 * account's rename or deletion changes in rooms, messages and files happens in the same transaction
 * ({@link RoomSql}, {@link MessageSql}, {@link FileSql}).
 */
final class UserSql implements UserStore {

    private static final String USER_COLUMNS = "u.id, u.name, u.password_hash, u.banned, u.admin, u.deleted, u.created";
    /** A tombstone's password hash: no hash function yields it, so no password matches. */
    private static final String UNUSABLE_PASSWORD_HASH = "!deleted";

    private final SqlExecutor sql;
    private final Database db;

    UserSql(SqlExecutor sql, Database db) {
        this.sql = sql;
        this.db = db;
    }

    @Override
    public CompletableFuture<UserRecord> createUser(String name, String passwordHash, long createdTs, boolean admin) {
        return sql.write(tx -> {
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
            RoomSql.addMembership(tx, Names.key(RoomStore.LOBBY), key);
            return new UserRecord(id, name, passwordHash, false, admin, false, createdTs);
        });
    }

    @Override
    public CompletableFuture<Optional<UserRecord>> findUser(String name) {
        return findAccount(name).thenApply(found -> found.filter(user -> !user.deleted()));
    }

    @Override
    public CompletableFuture<Optional<UserRecord>> findAccount(String name) {
        return sql.read("SELECT " + USER_COLUMNS + " FROM users u WHERE u.name_key = ?", st -> {
            st.setString(1, Names.key(name));
            return oneUser(st);
        });
    }

    @Override
    public CompletableFuture<Void> setAdmin(String user, boolean admin) {
        String key = Names.key(user);
        return sql.writeVoid(tx -> {
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

    @Override
    public CompletableFuture<Void> setBanned(String user, boolean banned) {
        return sql.writeVoid(tx -> tx.update("UPDATE users SET banned = ? WHERE name_key = ?", banned ? 1 : 0,
                Names.key(user)));
    }

    @Override
    public CompletableFuture<Void> saveToken(String tokenHash, String user, long expiresAtMs) {
        return sql.writeVoid(tx -> tx.update("INSERT INTO tokens(token_hash, user_key, expires_at) VALUES (?, ?, ?)",
                tokenHash, Names.key(user), expiresAtMs));
    }

    @Override
    public CompletableFuture<Optional<UserRecord>> findUserByToken(String tokenHash, long nowMs) {
        return sql.read("SELECT " + USER_COLUMNS + " FROM tokens t JOIN users u ON u.name_key = t.user_key"
                + " WHERE t.token_hash = ? AND t.expires_at > ? AND u.deleted = 0", st -> {
                    st.setString(1, tokenHash);
                    st.setLong(2, nowMs);
                    return oneUser(st);
                });
    }

    private static Optional<UserRecord> oneUser(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.of(new UserRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                    rs.getInt(4) != 0, rs.getInt(5) != 0, rs.getInt(6) != 0, rs.getLong(7))) : Optional.empty();
        }
    }

    @Override
    public CompletableFuture<Void> deleteToken(String tokenHash) {
        return sql.writeVoid(tx -> tx.update("DELETE FROM tokens WHERE token_hash = ?", tokenHash));
    }

    @Override
    public CompletableFuture<Void> deleteTokensOf(String user) {
        return sql.writeVoid(tx -> tx.update("DELETE FROM tokens WHERE user_key = ?", Names.key(user)));
    }

    /** Drops the tokens that expired by {@code nowMs} (at start-up; a look-up ignores them anyway). */
    static void deleteExpiredTokens(WriteTransaction tx, long nowMs) throws SQLException {
        tx.update("DELETE FROM tokens WHERE expires_at <= ?", nowMs);
    }

    @Override
    public CompletableFuture<Void> setPassword(String user, String passwordHash) {
        return sql.writeVoid(tx -> {
            tx.update("UPDATE users SET password_hash = ? WHERE name_key = ?", passwordHash, Names.key(user));
            return tx.update("DELETE FROM tokens WHERE user_key = ?", Names.key(user));
        });
    }

    @Override
    public CompletableFuture<Void> deleteUser(String user) {
        String key = Names.key(user);
        return sql.writeVoid(tx -> {
            refuseLastAdmin(tx, key, user);
            tx.update("DELETE FROM tokens WHERE user_key = ?", key);
            RoomSql.forgetUser(tx, key);
            MessageSql.forgetUser(tx, key);
            // the row stays as a tombstone: its id and name are never given to another account
            return tx.update("UPDATE users SET deleted = 1, admin = 0, password_hash = ? WHERE name_key = ?",
                    UNUSABLE_PASSWORD_HASH, key);
        });
    }

    @Override
    public CompletableFuture<Void> renameUser(String user, String newName) {
        String oldKey = Names.key(user);
        String newKey = Names.key(newName);
        return sql.writeVoid(tx -> {
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
            move(tx, oldKey, oldName, newKey, newName);
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
     * (tokens here; memberships, mutes and rooms owned; messages and the rows beside them; files).
     * Also what {@link NameKeyMigration} re-keys a stored name with.
     */
    void move(WriteTransaction tx, String oldKey, String oldName, String newKey, String newName)
            throws SQLException {
        // keys move in parent and child tables one after the other: check references at commit
        tx.update(db.deferForeignKeys());
        tx.update("UPDATE users SET name_key = ?, name = ? WHERE name_key = ?", newKey, newName, oldKey);
        tx.update("UPDATE tokens SET user_key = ? WHERE user_key = ?", newKey, oldKey);
        RoomSql.moveUser(tx, oldKey, oldName, newKey, newName);
        MessageSql.moveUser(tx, oldKey, oldName, newKey, newName);
        FileSql.moveSender(tx, oldName, newName);
        tx.update(db.immediateForeignKeys()); // consistent again; later writes of the batch check at once
    }
}

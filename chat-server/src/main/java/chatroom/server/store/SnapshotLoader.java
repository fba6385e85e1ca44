package chatroom.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ChatStore#load} does: brings stored name keys up to today's rule
 * ({@link NameKeyMigration}), creates the lobby when absent, drops expired tokens, and reads the
 * rooms, members and mutes the server keeps in memory. Blocks its caller (start-up, or a cluster
 * node catching up) while the writer runs it.
 */
final class SnapshotLoader {

    private final SqlExecutor sql;
    private final Database db;
    private final UserSql users;
    private final RoomSql rooms;

    SnapshotLoader(SqlExecutor sql, Database db, UserSql users, RoomSql rooms) {
        this.sql = sql;
        this.db = db;
        this.users = users;
        this.rooms = rooms;
    }

    StoreSnapshot load() {
        migrateNameKeys();
        return sql.write(tx -> {
            long now = System.currentTimeMillis();
            createLobby(tx, now);
            UserSql.deleteExpiredTokens(tx, now);
            return new StoreSnapshot(rooms(tx), members(tx), mutes(tx, now));
        }).join();
    }

    /** Re-keys stored names made under an older {@link Names#key} rule, in one transaction of its own. */
    private void migrateNameKeys() {
        sql.writeVoid(tx -> {
            NameKeyMigration.run(tx, db.startupLock(),
                    (t, oldKey, newKey, name) -> users.move(t, oldKey, name, newKey, name),
                    rooms::move);
            return null;
        }).join();
    }

    private static void createLobby(WriteTransaction tx, long now) throws SQLException {
        try (PreparedStatement lobby = tx.prepare(
                "INSERT INTO rooms(name_key, name, owner, topic, private, created) VALUES (?, ?, NULL, '', 0, ?)"
                        + " ON CONFLICT DO NOTHING")) {
            lobby.setString(1, Names.key(RoomStore.LOBBY));
            lobby.setString(2, RoomStore.LOBBY);
            lobby.setLong(3, now);
            lobby.executeUpdate();
        }
    }

    private static List<RoomRecord> rooms(WriteTransaction tx) throws SQLException {
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
        return rooms;
    }

    /** Member names by room key. */
    private static Map<String, List<String>> members(WriteTransaction tx) throws SQLException {
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
        return members;
    }

    /** Mutes in force at {@code now}: until (epoch ms, 0 for no end) by user key by room key. */
    private static Map<String, Map<String, Long>> mutes(WriteTransaction tx, long now) throws SQLException {
        Map<String, Map<String, Long>> mutes = new HashMap<>();
        try (PreparedStatement st = tx.prepare("SELECT room_key, user_key, until FROM mutes WHERE until = 0 OR until > ?")) {
            st.setLong(1, now);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    mutes.computeIfAbsent(rs.getString(1), key -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        return mutes;
    }

    /**
     * A name the key migration left on its old key because its new key is another's: in memory its
     * name would stand for that other user or room, so it is not loaded (see {@link NameKeyMigration}).
     */
    private static boolean isShadowed(String name, String storedKey) {
        return !Names.key(name).equals(storedKey);
    }
}

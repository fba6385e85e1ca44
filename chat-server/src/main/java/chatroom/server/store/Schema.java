package chatroom.server.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The SQLite schema, versioned with {@code PRAGMA user_version} so that later versions can migrate
 * a data directory in place. Names are stored twice: as registered (display) and as their key
 * ({@link Names#key}), which is what uniqueness and look-ups use.
 */
final class Schema {

    static final int VERSION = 3;

    private Schema() {
    }

    static void migrate(Connection connection) throws SQLException {
        int version;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > VERSION) {
            throw new StoreException("the database was written by a newer server (schema " + version
                    + ", this server knows " + VERSION + ")");
        }
        if (version == VERSION) {
            return;
        }
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("""
                    CREATE TABLE IF NOT EXISTS users (
                      name_key      TEXT PRIMARY KEY,
                      name          TEXT NOT NULL,
                      password_hash TEXT NOT NULL,
                      banned        INTEGER NOT NULL DEFAULT 0,
                      created       INTEGER NOT NULL)""");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS tokens (
                      token_hash TEXT PRIMARY KEY,
                      user_key   TEXT NOT NULL REFERENCES users(name_key) ON DELETE CASCADE,
                      expires_at INTEGER NOT NULL)""");
            st.execute("CREATE INDEX IF NOT EXISTS tokens_by_user ON tokens(user_key)");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS rooms (
                      name_key TEXT PRIMARY KEY,
                      name     TEXT NOT NULL,
                      owner    TEXT,
                      topic    TEXT NOT NULL DEFAULT '',
                      private  INTEGER NOT NULL DEFAULT 0,
                      created  INTEGER NOT NULL)""");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS memberships (
                      room_key TEXT NOT NULL REFERENCES rooms(name_key) ON DELETE CASCADE,
                      user_key TEXT NOT NULL REFERENCES users(name_key) ON DELETE CASCADE,
                      PRIMARY KEY (room_key, user_key))""");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS messages (
                      conv       TEXT NOT NULL,
                      seq        INTEGER NOT NULL,
                      ts         INTEGER NOT NULL,
                      sender     TEXT NOT NULL,
                      sender_key TEXT NOT NULL,
                      recipient  TEXT,
                      text       TEXT NOT NULL,
                      cid        TEXT,
                      PRIMARY KEY (conv, seq)) WITHOUT ROWID""");
            st.execute("CREATE UNIQUE INDEX IF NOT EXISTS messages_by_cid ON messages(conv, sender_key, cid)"
                    + " WHERE cid IS NOT NULL");
            // version 2: files shared in rooms (the bytes live content-addressed beside the database), mutes
            st.execute("""
                    CREATE TABLE IF NOT EXISTS files (
                      file_id  TEXT PRIMARY KEY,
                      room_key TEXT NOT NULL,
                      name     TEXT NOT NULL,
                      size     INTEGER NOT NULL,
                      sha256   TEXT NOT NULL,
                      sender   TEXT NOT NULL,
                      ts       INTEGER NOT NULL)""");
            st.execute("CREATE INDEX IF NOT EXISTS files_by_room ON files(room_key, ts)");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS mutes (
                      room_key TEXT NOT NULL,
                      user_key TEXT NOT NULL,
                      until    INTEGER NOT NULL,
                      PRIMARY KEY (room_key, user_key))""");
            // version 3: the latest seq of each conversation, the counter appends take their seq from
            st.execute("""
                    CREATE TABLE IF NOT EXISTS conv_seqs (
                      conv TEXT PRIMARY KEY,
                      seq  INTEGER NOT NULL) WITHOUT ROWID""");
            if (version < 3) {
                st.execute("INSERT OR REPLACE INTO conv_seqs(conv, seq) SELECT conv, max(seq) FROM messages GROUP BY conv");
            }
            st.execute("PRAGMA user_version = " + VERSION);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}

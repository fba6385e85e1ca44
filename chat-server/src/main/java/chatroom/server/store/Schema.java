package chatroom.server.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The SQLite schema, versioned with {@code PRAGMA user_version} so that later versions can migrate
 * a data directory in place. Names are stored twice: as registered (display) and as their key
 * ({@link Names#key}), which is what uniqueness and look-ups use. Since version 4 every account has an
 * immutable id that direct conversations are keyed by ({@link Conversation#direct}).
 */
final class Schema {

    static final int VERSION = 8;

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
            if (version < 4) {
                migrateToAccountIds(st);
            }
            if (version < 6) {
                neverMiss(st);
            }
            if (version < 8) {
                moveTheSearchIndexOut(st);
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

    /**
     * Version 4: accounts get an immutable id, an admin flag and a deleted flag (a deleted account stays
     * as a tombstone); names an account had before a rename stay reserved for it; direct conversations
     * move from the pair of name keys to the pair of account ids, every message at its seq.
     */
    private static void migrateToAccountIds(Statement st) throws SQLException {
        addColumnIfAbsent(st, "users", "id", "INTEGER");
        addColumnIfAbsent(st, "users", "admin", "INTEGER NOT NULL DEFAULT 0");
        addColumnIfAbsent(st, "users", "deleted", "INTEGER NOT NULL DEFAULT 0");
        st.execute("""
                CREATE TABLE IF NOT EXISTS retired_names (
                  name_key TEXT PRIMARY KEY,
                  user_id  INTEGER NOT NULL)""");
        // a party of a direct conversation whose account was deleted before tombstones existed gets one,
        // so that its name can never be registered again and the conversation keeps an id pair
        st.execute("""
                INSERT INTO users(name_key, name, password_hash, banned, created, deleted)
                  SELECT k, k, '!deleted', 0, 0, 1 FROM (
                    SELECT substr(conv, 3, instr(conv, '|') - 3) AS k FROM conv_seqs WHERE conv LIKE 'd:%'
                    UNION SELECT substr(conv, instr(conv, '|') + 1) FROM conv_seqs WHERE conv LIKE 'd:%')
                  WHERE k <> '' AND k NOT IN (SELECT name_key FROM users)""");
        st.execute("UPDATE users SET id = rowid WHERE id IS NULL");
        st.execute("CREATE UNIQUE INDEX IF NOT EXISTS users_by_id ON users(id)");
        // accounts are never removed (deleted ones stay), so the next id is always past every earlier one
        st.execute("""
                CREATE TRIGGER IF NOT EXISTS users_new_id AFTER INSERT ON users WHEN NEW.id IS NULL
                BEGIN
                  UPDATE users SET id = (SELECT coalesce(max(id), 0) + 1 FROM users) WHERE name_key = NEW.name_key;
                END""");
        // through a prefix no key has, since an id pair like d:1|2 may be some users' old name-key pair
        for (String table : new String[] {"messages", "conv_seqs"}) {
            st.execute("UPDATE " + table + " SET conv = (SELECT 'm:' || min(a.id, b.id) || '|' || max(a.id, b.id)"
                    + " FROM users a, users b"
                    + " WHERE a.name_key = substr(" + table + ".conv, 3, instr(" + table + ".conv, '|') - 3)"
                    + " AND b.name_key = substr(" + table + ".conv, instr(" + table + ".conv, '|') + 1))"
                    + " WHERE conv LIKE 'd:%'");
            st.execute("UPDATE " + table + " SET conv = 'd:' || substr(conv, 3) WHERE conv LIKE 'm:%'");
        }
    }

    /**
     * Version 6, protocol section 10: edits, deletes and mentions on messages; read markers; the
     * direct conversations of each user (listable without parsing conversation keys); mention rows
     * counted by index range; and each message's row in the search index ({@code search_rowid}).
     * Existing data is carried over: every existing message counts as read (nobody could have unread
     * before), every existing text is numbered for the index, and old messages have no mentions.
     */
    private static void neverMiss(Statement st) throws SQLException {
        addColumnIfAbsent(st, "messages", "mentions", "TEXT");
        addColumnIfAbsent(st, "messages", "edited_ts", "INTEGER");
        addColumnIfAbsent(st, "messages", "deleted", "INTEGER NOT NULL DEFAULT 0");
        addColumnIfAbsent(st, "messages", "search_rowid", "INTEGER");
        // unread = latest - read - own after read - others' deleted after read: both are index ranges
        st.execute("CREATE INDEX IF NOT EXISTS messages_by_sender ON messages(sender_key, conv, seq)");
        // a user's rooms, found without reading every membership (conversations, search)
        st.execute("CREATE INDEX IF NOT EXISTS memberships_by_user ON memberships(user_key, room_key)");
        st.execute("CREATE INDEX IF NOT EXISTS messages_by_search_rowid ON messages(search_rowid)"
                + " WHERE search_rowid IS NOT NULL");
        st.execute("""
                CREATE TABLE IF NOT EXISTS read_markers (
                  user_key TEXT NOT NULL,
                  conv     TEXT NOT NULL,
                  seq      INTEGER NOT NULL,
                  PRIMARY KEY (user_key, conv)) WITHOUT ROWID""");
        st.execute("""
                CREATE TABLE IF NOT EXISTS direct_peers (
                  user_key TEXT NOT NULL,
                  conv     TEXT NOT NULL,
                  peer_key TEXT NOT NULL,
                  peer     TEXT NOT NULL,
                  PRIMARY KEY (user_key, conv)) WITHOUT ROWID""");
        st.execute("""
                CREATE TABLE IF NOT EXISTS mentions (
                  user_key TEXT NOT NULL,
                  conv     TEXT NOT NULL,
                  seq      INTEGER NOT NULL,
                  PRIMARY KEY (user_key, conv, seq)) WITHOUT ROWID""");
        st.execute("CREATE INDEX IF NOT EXISTS mentions_by_message ON mentions(conv, seq)");
        // the deleted messages only, so that counting those after a read marker never reads history
        st.execute("""
                CREATE TABLE IF NOT EXISTS deleted_messages (
                  conv       TEXT NOT NULL,
                  seq        INTEGER NOT NULL,
                  sender_key TEXT NOT NULL,
                  PRIMARY KEY (conv, seq)) WITHOUT ROWID""");
        st.execute("""
                INSERT OR IGNORE INTO direct_peers(user_key, conv, peer_key, peer)
                  SELECT m.sender_key, m.conv, coalesce(u.name_key, lower(m.recipient)), m.recipient
                  FROM messages m LEFT JOIN users u ON u.name = m.recipient WHERE m.recipient IS NOT NULL""");
        st.execute("""
                INSERT OR IGNORE INTO direct_peers(user_key, conv, peer_key, peer)
                  SELECT coalesce(u.name_key, lower(m.recipient)), m.conv, m.sender_key, m.sender
                  FROM messages m LEFT JOIN users u ON u.name = m.recipient WHERE m.recipient IS NOT NULL""");
        st.execute("""
                INSERT OR IGNORE INTO read_markers(user_key, conv, seq)
                  SELECT mb.user_key, cs.conv, cs.seq FROM memberships mb
                  JOIN conv_seqs cs ON cs.conv = 'r:' || mb.room_key""");
        st.execute("""
                INSERT OR IGNORE INTO read_markers(user_key, conv, seq)
                  SELECT dp.user_key, cs.conv, cs.seq FROM direct_peers dp JOIN conv_seqs cs ON cs.conv = dp.conv""");
        // number the existing messages once (the search index indexes each under its number)
        st.execute("CREATE TEMP TABLE search_numbers (conv TEXT NOT NULL, seq INTEGER NOT NULL, n INTEGER NOT NULL,"
                + " PRIMARY KEY (conv, seq)) WITHOUT ROWID");
        st.execute("INSERT INTO search_numbers(conv, seq, n)"
                + " SELECT conv, seq, row_number() OVER (ORDER BY ts, conv, seq) FROM messages");
        st.execute("UPDATE messages SET search_rowid = (SELECT n FROM search_numbers sn"
                + " WHERE sn.conv = messages.conv AND sn.seq = messages.seq)");
        st.execute("DROP TABLE search_numbers");
    }

    /**
     * Version 8: the search index leaves {@code chat.db} for a file of its own ({@code search.db},
     * {@link SearchIndexer}), so that its commits no longer hold up the messages'; it is built there
     * again from the messages, in the background. {@code search_changes} lists the rows an edit or a
     * delete changed, until the next start has made sure the index has them ({@link Fts5SearchIndex#repair}).
     * (Versions 6 and 7 made the index here and set its merging, which {@code search.db} now does.)
     */
    private static void moveTheSearchIndexOut(Statement st) throws SQLException {
        st.execute("DROP TABLE IF EXISTS main.message_search");
        st.execute("CREATE TABLE IF NOT EXISTS search_changes (id INTEGER PRIMARY KEY, row INTEGER NOT NULL)");
    }

    /** Adds a column unless a partly migrated database has it already. */
    private static void addColumnIfAbsent(Statement st, String table, String column, String definition)
            throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT 1 FROM pragma_table_info('" + table + "') WHERE name = '"
                + column + "'")) {
            if (rs.next()) {
                return;
            }
        }
        st.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + definition);
    }
}
